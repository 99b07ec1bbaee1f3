// Build helpers: empty dist/ before compiling (so a renamed or deleted source never leaves a stale file
// to be packed), and copy node and credential icons next to the compiled code, where n8n looks for them.
const fs = require('fs');
const path = require('path');
const { task, src, dest } = require('gulp');

task('clean', async () => fs.rmSync(path.resolve('dist'), { recursive: true, force: true }));
task('build:icons', copyIcons);

function copyIcons() {
	const nodeIcons = src(path.resolve('nodes', '**', '*.{png,svg}'), { encoding: false }).pipe(dest(path.resolve('dist', 'nodes')));
	const credentialIcons = src(path.resolve('credentials', '**', '*.{png,svg}'), { encoding: false }).pipe(
		dest(path.resolve('dist', 'credentials')),
	);
	return Promise.all([streamDone(nodeIcons), streamDone(credentialIcons)]);
}

function streamDone(stream) {
	return new Promise((resolve, reject) => stream.on('finish', resolve).on('end', resolve).on('error', reject));
}
