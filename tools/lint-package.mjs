#!/usr/bin/env node
// Builds and packs the package the way `npm publish` would, then checks the tarball the way the
// community-node registry does (@n8n/scan-community-package): ESLint over the shipped `.js` and
// `package.json` and over the `nodes/`/`credentials/` sources, inline `eslint-disable` ignored.
// The scanner's CLI only fetches published packages (registry metadata, npm provenance, the
// GitHub source of the attested commit), so this calls its exported `analyzePackage` instead;
// provenance is the one check left to `npm publish --provenance` in the publish workflow.
//
// It builds in a scratch copy of the working tree, so a stale local `dist/` can neither hide
// nor cause a finding, and the repository's own `dist/` is left alone.
//
// Usage: node tools/lint-package.mjs [--keep]   (--keep leaves the scratch folder for a look)
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const keep = process.argv.includes('--keep');
const require = createRequire(path.join(root, 'package.json'));

/** What the published tarball may hold, besides `dist/`. */
const TOP_LEVEL_FILES = new Set(['package.json', 'README.md', 'LICENSE']);
/** Path segments that mark development-only material, wherever they appear. */
const DEV_ONLY_SEGMENTS = new Set(['test', 'tests', '__tests__', 'fixtures', '__fixtures__', 'tools', 'simulator', 'contract', 'coverage', 'node_modules']);
/** Folders of the working tree that a clean clone does not have. */
const NOT_COPIED = new Set(['node_modules', 'dist', '.git', 'coverage', '.n8n-e2e', 'test-results']);

const problems = [];
const fail = (message) => problems.push(message);

function run(command, args, cwd, { capture = false } = {}) {
	const result = spawnSync(command, args, { cwd, stdio: capture ? ['ignore', 'pipe', 'inherit'] : 'inherit', encoding: 'utf8' });
	if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed with exit code ${result.status}`);
	return result.stdout;
}

function stage(scratch) {
	const staging = path.join(scratch, 'source');
	cpSync(root, staging, {
		recursive: true,
		filter: (source) => {
			const relative = path.relative(root, source);
			if (relative === '') return true;
			if (NOT_COPIED.has(relative.split(path.sep)[0])) return false;
			return !source.endsWith('.tgz');
		},
	});
	symlinkSync(path.join(root, 'node_modules'), path.join(staging, 'node_modules'), 'dir');
	return staging;
}

function pack(staging, scratch) {
	run('npm', ['run', 'build'], staging);
	const [packed] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', scratch], staging, { capture: true }));
	const unpacked = path.join(scratch, 'package');
	mkdirSync(unpacked);
	run('tar', ['-xzf', path.join(scratch, packed.filename), '-C', unpacked, '--strip-components=1'], scratch);
	return { unpacked, files: packed.files.map((file) => file.path), filename: packed.filename };
}

function checkContents(files, unpacked) {
	for (const file of files) {
		const segments = file.split('/');
		if (segments[0] !== 'dist' && !TOP_LEVEL_FILES.has(file)) fail(`tarball holds ${file}: only dist/, README.md, LICENSE and package.json belong there`);
		if (segments.some((segment) => DEV_ONLY_SEGMENTS.has(segment))) fail(`tarball holds development-only ${file}`);
		if (/\.(test|spec)\.[cm]?js(\.map)?$/.test(file)) fail(`tarball holds a test file: ${file}`);
		if (/\.[cm]?ts$/.test(file) && !file.endsWith('.d.ts')) fail(`tarball holds a TypeScript source: ${file}`);
	}
	for (const file of TOP_LEVEL_FILES) if (!files.includes(file)) fail(`tarball lacks ${file}`);

	const manifest = JSON.parse(readFileSync(path.join(unpacked, 'package.json'), 'utf8'));
	const nodes = manifest.n8n?.nodes ?? [];
	const declared = [...nodes, ...(manifest.n8n?.credentials ?? [])];
	if (nodes.length === 0) fail('package.json n8n.nodes names no node');
	for (const file of declared) {
		if (!files.includes(file)) {
			fail(`package.json n8n section names ${file}, which the tarball lacks`);
			continue;
		}
		// n8n resolves `file:` icons relative to the compiled file and refuses paths leaving the package.
		const compiled = readFileSync(path.join(unpacked, file), 'utf8');
		const icons = [...compiled.matchAll(/['"`]file:([^'"`]+)['"`]/g)].map((match) => match[1]);
		if (icons.length === 0) fail(`${file} names no file: icon`);
		for (const icon of icons) {
			const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(file), icon));
			if (resolved.startsWith('..') || !files.includes(resolved)) fail(`${file} names icon file:${icon}, but the tarball lacks ${resolved}`);
		}
	}
	for (const file of nodes) {
		const codex = file.replace(/\.js$/, '.json');
		if (!files.includes(codex)) fail(`${file} has no codex ${codex} beside it`);
	}
}

async function lint(staging, unpacked) {
	// The registry scanner's own config and plugin versions, as it runs them on a submission.
	const scanner = require.resolve('@n8n/scan-community-package/scanner/scanner.mjs');
	createRequire(scanner)('tmp').setGracefulCleanup();
	const { analyzePackage, SOURCE_FILE_PATTERNS } = await import(pathToFileURL(scanner).href);
	const legs = [
		['shipped .js and package.json (tarball)', await analyzePackage(unpacked, ['**/*.js', 'package.json'])],
		['nodes/ and credentials/ sources', await analyzePackage(staging, SOURCE_FILE_PATTERNS)],
	];

	// The same tarball under the community rules `npm run lint` uses, which the scanner adopts next.
	const { ESLint } = require('eslint');
	const { n8nCommunityNodesPlugin } = await import('@n8n/eslint-plugin-community-nodes');
	const tseslint = (await import('typescript-eslint')).default;
	const eslint = new ESLint({
		cwd: unpacked,
		allowInlineConfig: false,
		overrideConfigFile: true,
		overrideConfig: [
			n8nCommunityNodesPlugin.configs.recommended,
			{ rules: { 'no-console': 'error' } },
			{ files: ['**/*.json'], languageOptions: { parser: tseslint.parser } },
		],
	});
	const results = await eslint.lintFiles(['**/*.js', 'package.json']);
	const failed = results.some((result) => result.errorCount > 0);
	legs.push([
		'shipped .js and package.json (tarball), rules of npm run lint',
		failed ? { passed: false, message: 'ESLint violations found', details: (await eslint.loadFormatter('stylish')).format(results) } : { passed: true },
	]);

	for (const [name, result] of legs) {
		console.log(`${result.passed ? 'ok  ' : 'FAIL'} lint: ${name}`);
		if (!result.passed) {
			fail(`lint of ${name}: ${result.message}`);
			if (result.details) console.log(result.details);
		}
	}
}

const scratch = mkdtempSync(path.join(tmpdir(), 'lint-package-'));
try {
	const staging = stage(scratch);
	const { unpacked, files, filename } = pack(staging, scratch);
	console.log(`\n${filename}: ${files.length} files\n${files.map((file) => `  ${file}`).join('\n')}\n`);
	checkContents(files, unpacked);
	await lint(staging, unpacked);
} catch (error) {
	fail(error.message);
} finally {
	if (keep) console.log(`scratch folder kept: ${scratch}`);
	else if (existsSync(scratch)) rmSync(scratch, { recursive: true, force: true });
}

if (problems.length > 0) {
	console.error(`\nlint:package found ${problems.length} problem(s):\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
	process.exit(1);
}
console.log('\nlint:package: the tarball passes the community-package checks');
