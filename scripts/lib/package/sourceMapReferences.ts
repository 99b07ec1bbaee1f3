// The package ships no source maps: n8n loads source-map-support, which would remap stack frames to
// .ts files the package does not ship. Without maps, frames name the shipped .js files and lines.
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';

/** The .js files under `dir` that still name a source map (a `sourceMappingURL` comment), relative to `dir`. */
export function filesNamingSourceMaps(dir: string): string[] {
	return readdirSync(dir, { recursive: true, encoding: 'utf8' })
		.filter((file) => file.endsWith('.js') && !file.split('/').includes('node_modules'))
		.filter((file) => /^\/\/# sourceMappingURL=/m.test(readFileSync(join(dir, file), 'utf8')))
		.sort();
}
