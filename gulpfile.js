const { src, dest } = require('gulp');

// n8n loads a node's `icon: 'file:…'` relative to the compiled node file, so each icon
// must sit beside the .js that names it.
function copyIcons() {
	src('icons/**/*.svg', { encoding: false }).pipe(dest('dist/nodes/HubspotAssociations'));
	return src('icons/**/*.svg', { encoding: false }).pipe(dest('dist/credentials'));
}

exports['build:icons'] = copyIcons;
