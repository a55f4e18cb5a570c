const { src, dest } = require('gulp');

// tsc emits the compiled nodes and their codex (.node.json) files; the icons are copied beside them.
// encoding: false keeps binary icons (PNG) intact; gulp 5 reads files as UTF-8 otherwise.
function buildIcons() {
	return src(['nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

exports['build:icons'] = buildIcons;
