import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import { dirname, join, relative, resolve } from 'path';

const root = join(__dirname, '../..');
const pages = ['README.md', 'hubspot-app/README.md', ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
const REPO = 'https://github.com/n8n-nodes-hubspot-associations/n8n-nodes-hubspot-associations';

/** Markdown outside code fences. */
function prose(file: string): string {
	let fenced = false;
	return readFileSync(join(root, file), 'utf8')
		.split('\n')
		.filter((line) => {
			if (line.startsWith('```')) fenced = !fenced;
			return !fenced && !line.startsWith('```');
		})
		.join('\n');
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
export function anchorsOf(file: string): Set<string> {
	const anchors = new Set<string>();
	const seen = new Map<string, number>();
	for (const [, text] of prose(file).matchAll(/^#{1,6} +(.+?) *#*$/gm)) {
		const slug = text.toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, '').replace(/ /g, '-');
		const count = seen.get(slug) ?? 0;
		seen.set(slug, count + 1);
		anchors.add(count === 0 ? slug : `${slug}-${count}`);
	}
	return anchors;
}

function linksOf(file: string): string[] {
	return [...prose(file).replace(/`[^`\n]*`/g, '').matchAll(/\]\(([^)\s]+)(?: "[^"]*")?\)/g)].map((match) => match[1]);
}

describe('links in the README and docs/', () => {
	it.each(pages)('%s: every relative link names a file of the repository, and every anchor a heading in it', (page) => {
		const broken: string[] = [];
		for (const link of linksOf(page)) {
			if (/^(https?|mailto):/.test(link)) continue;
			const [path, anchor] = link.split('#');
			const target = path ? resolve(root, dirname(page), decodeURIComponent(path)) : join(root, page);
			if (!target.startsWith(root) || !existsSync(target)) {
				broken.push(`${link} (no file ${relative(root, target)})`);
				continue;
			}
			if (anchor !== undefined && (statSync(target).isDirectory() || !target.endsWith('.md') || !anchorsOf(relative(root, target)).has(anchor))) {
				broken.push(`${link} (no heading #${anchor} in ${relative(root, target)})`);
			}
		}
		expect(broken).toEqual([]);
	});

	it('links every page of docs/ from the README', () => {
		const linked = new Set(linksOf('README.md').map((link) => link.split('#')[0]));
		const unlinked = pages.filter((page) => page.startsWith('docs/') && !linked.has(page));
		expect(unlinked).toEqual([]);
	});

	it("points the credentials' and the node's documentation links at headings of the README", () => {
		const urls = [
			...['credentials/HubspotAssociationsOAuth2Api.credentials.ts', 'credentials/HubspotAssociationsAppTokenApi.credentials.ts'].map(
				(file) => readFileSync(join(root, file), 'utf8').match(/documentationUrl = '([^']+)'/)![1],
			),
			...[...readFileSync(join(root, 'nodes/HubspotAssociations/HubspotAssociations.node.json'), 'utf8').matchAll(/"url": "([^"]+)"/g)].map((m) => m[1]),
		];
		expect(urls.length).toBe(4);
		const readme = anchorsOf('README.md');
		for (const url of urls) {
			expect(url.startsWith(`${REPO}#`)).toBe(true);
			const anchor = url.split('#')[1];
			if (anchor !== 'readme') expect([anchor, readme.has(anchor)]).toEqual([anchor, true]);
		}
	});

	it('reads GitHub anchors as GitHub writes them', () => {
		expect(anchorsOf('docs/setup.md').has('the-bundled-hubspot-app-hubspot-app')).toBe(true);
		expect(anchorsOf('docs/lookups.md').size).toBeGreaterThan(0);
	});
});
