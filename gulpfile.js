const { src, dest, parallel } = require('gulp');

// Node and credential icons name `file:../../icons/…` and `file:../icons/…`, which n8n resolves
// relative to the compiled file, so the icons keep their place beside `dist/nodes` and `dist/credentials`.
function copyIcons() {
	return src('icons/**/*.svg', { encoding: false }).pipe(dest('dist/icons'));
}

// n8n reads a node's codex (categories, documentation links) from `<Name>.node.json` beside `<Name>.node.js`.
function copyCodex() {
	return src('nodes/**/*.node.json').pipe(dest('dist/nodes'));
}

// `npm run build` calls this task: it copies every static file the package ships.
exports['build:icons'] = parallel(copyIcons, copyCodex);
