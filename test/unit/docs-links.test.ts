// Every link of the documentation resolves: relative links and #anchors in README.md, CONTRIBUTING.md,
// CHANGELOG.md and docs/**/*.md, and the URLs the node's codex files and the credentials' documentationUrl
// point at (the repository's GitHub URL + a path or anchor, mapped to the files in this checkout).
import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import { dirname, join, relative, resolve } from 'path';

const ROOT = resolve(__dirname, '..', '..');
const REPO_URL = 'https://github.com/n8n-nodes-tinyemail/n8n-nodes-tinyemail';

function markdownFiles(): string[] {
	const files = ['README.md', 'CONTRIBUTING.md', 'CHANGELOG.md'].filter((f) => existsSync(join(ROOT, f)));
	const walk = (dir: string): void => {
		for (const name of readdirSync(join(ROOT, dir)).sort()) {
			const path = join(dir, name);
			if (statSync(join(ROOT, path)).isDirectory()) walk(path);
			else if (name.endsWith('.md')) files.push(path);
		}
	};
	walk('docs');
	return files;
}

/** The text outside fenced code blocks, with inline code blanked (links in code are examples, not links). */
function proseLines(markdown: string): string[] {
	let fenced = false;
	return markdown.split('\n').map((line) => {
		if (/^\s*(```|~~~)/.test(line)) {
			fenced = !fenced;
			return '';
		}
		return fenced ? '' : line.replace(/`[^`]*`/g, (code) => ' '.repeat(code.length));
	});
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered -1, -2, … */
function anchorsOf(markdown: string): Set<string> {
	const anchors = new Set<string>();
	const seen = new Map<string, number>();
	let fenced = false;
	for (const line of markdown.split('\n')) {
		if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
		if (fenced) continue;
		for (const m of line.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) anchors.add(m[1]);
		const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
		if (!heading) continue;
		const text = heading[1]
			.replace(/!\[[^\]]*\]\([^)]*\)/g, '')
			.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
			.replace(/<[^>]+>/g, '');
		const slug = text
			.toLowerCase()
			.replace(/[^\p{L}\p{N}\s_-]/gu, '')
			.replace(/\s/g, '-');
		const n = seen.get(slug) ?? 0;
		seen.set(slug, n + 1);
		anchors.add(n === 0 ? slug : `${slug}-${n}`);
	}
	return anchors;
}

interface Link {
	from: string;
	target: string;
}

function linksIn(file: string): Link[] {
	const links: Link[] = [];
	for (const line of proseLines(readFileSync(join(ROOT, file), 'utf8'))) {
		for (const m of line.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) links.push({ from: file, target: m[1] });
		for (const m of line.matchAll(/<(?:img|a)\s[^>]*(?:src|href)="([^"]+)"/g)) links.push({ from: file, target: m[1] });
	}
	return links;
}

/** What is wrong with a link (undefined: it resolves). `base` is the file the link is written in. */
function problem(base: string, target: string): string | undefined {
	if (target.startsWith(REPO_URL)) {
		const rest = target.slice(REPO_URL.length);
		if (rest === '' || rest === '#readme') return undefined;
		const inReadme = /^#(.+)$/.exec(rest);
		if (inReadme) return problem('README.md', `#${inReadme[1]}`);
		const inTree = /^\/(?:blob|tree)\/main\/([^#]+)(#.*)?$/.exec(rest);
		if (!inTree) return `a repository URL that maps to no file of this checkout`;
		return problem('README.md', `${inTree[1]}${inTree[2] ?? ''}`);
	}
	if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return undefined; // another site, mailto: — not checked offline
	const [pathPart, anchor] = target.split('#', 2);
	const file = pathPart === '' ? base : relative(ROOT, resolve(ROOT, dirname(base), decodeURIComponent(pathPart)));
	if (file.startsWith('..')) return `points outside the repository`;
	if (!existsSync(join(ROOT, file))) return `${file} does not exist`;
	if (anchor === undefined) return undefined;
	if (!file.endsWith('.md')) return `an anchor into ${file}, which is not Markdown`;
	return anchorsOf(readFileSync(join(ROOT, file), 'utf8')).has(anchor) ? undefined : `${file} has no heading #${anchor}`;
}

describe('documentation links', () => {
	test('the anchors are GitHub’s', () => {
		const anchors = anchorsOf('# Try it: `npm run dev`\n## The queue-mode test: `npm run test:queue`\n## A, B — c\n## A, B — c\n');
		expect([...anchors]).toEqual(['try-it-npm-run-dev', 'the-queue-mode-test-npm-run-testqueue', 'a-b--c', 'a-b--c-1']);
	});

	test.each(markdownFiles())('every relative link and #anchor in %s resolves', (file) => {
		const broken = linksIn(file)
			.map((link) => ({ ...link, problem: problem(link.from, link.target) }))
			.filter((link) => link.problem !== undefined)
			.map((link) => `${link.target}: ${link.problem}`);
		expect(broken).toEqual([]);
	});

	test('the codex files’ documentation URLs resolve to this repository’s files and anchors', () => {
		const urls: string[] = [];
		for (const codex of ['nodes/TinyEmail/TinyEmail.node.json', 'nodes/TinyEmail/TinyEmailTrigger.node.json']) {
			const json = JSON.parse(readFileSync(join(ROOT, codex), 'utf8')) as {
				resources: Record<string, Array<{ url: string }>>;
			};
			for (const list of Object.values(json.resources)) urls.push(...list.map((r) => r.url));
		}
		expect(urls.length).toBeGreaterThan(0);
		expect(urls.filter((url) => !url.startsWith(REPO_URL))).toEqual([]);
		expect(urls.map((url) => [url, problem('README.md', url)]).filter(([, p]) => p !== undefined)).toEqual([]);
	});

	test('the credentials’ documentationUrl is https and, where it is this repository, resolves', () => {
		const urls = readdirSync(join(ROOT, 'credentials'))
			.filter((f) => f.endsWith('.credentials.ts'))
			.map((f) => /documentationUrl\s*=\s*'([^']+)'/.exec(readFileSync(join(ROOT, 'credentials', f), 'utf8'))?.[1]);
		expect(urls).toHaveLength(2);
		for (const url of urls) {
			expect(url).toMatch(/^https:\/\//);
			expect(problem('README.md', url!)).toBeUndefined();
		}
	});

	test('the package’s homepage is the README of this repository', () => {
		const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { homepage: string };
		expect(problem('README.md', pkg.homepage)).toBeUndefined();
	});
});
