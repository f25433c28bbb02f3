import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { main } from '../../../tools/hubspotApp/run';

const bundled = join(__dirname, '../../../hubspot-app');

describe('npm run hubspot-app', () => {
	let dir: string;
	beforeEach(() => {
		dir = join(mkdtempSync(join(tmpdir(), 'hubspot-app-')), 'project');
		cpSync(bundled, dir, { recursive: true });
	});
	afterEach(() => rmSync(join(dir, '..'), { recursive: true, force: true }));

	async function run(...argv: string[]) {
		const out: string[] = [];
		const err: string[] = [];
		const code = await main([...argv, '--dir', dir], { out: (line) => out.push(line), err: (line) => err.push(line) });
		return { code, out: out.join('\n'), err: err.join('\n') };
	}
	const app = () => JSON.parse(readFileSync(join(dir, 'src/app/app-hsmeta.json'), 'utf8'));
	const webhooksFile = () => join(dir, 'src/app/webhooks/association-webhooks-hsmeta.json');

	it("writes n8n's OAuth callback as the app's redirect URL, keeps every other field, and prints the next commands", async () => {
		const before = app();
		const { code, out, err } = await run('--n8n-url', 'https://n8n.example.com');
		expect({ code, err }).toEqual({ code: 0, err: '' });
		expect(app()).toEqual({ ...before, config: { ...before.config, auth: { ...before.config.auth, redirectUrls: ['https://n8n.example.com/rest/oauth2-credential/callback'] } } });
		expect(out).toContain('redirect URL https://n8n.example.com/rest/oauth2-credential/callback');
		for (const command of ['npm install -g @hubspot/cli', 'hs init', 'hs project upload', 'hs project open', 'Auth tab', 'Distribution tab', '"HubSpot CRM OAuth2 API"', 'Connect my account']) {
			expect(out).toContain(command);
		}
		expect(out).toContain('No webhooks component: pass --trigger-url');
		expect(existsSync(webhooksFile())).toBe(false);
	});

	it('takes --n8n-url=<url> too, and a path n8n is served under', async () => {
		expect((await run('--n8n-url=https://example.com/tools/n8n/')).code).toBe(0);
		expect(app().config.auth.redirectUrls).toEqual(['https://example.com/tools/n8n/rest/oauth2-credential/callback']);
	});

	it("writes the webhooks component for the trigger's Production URL: association changes of contacts, companies, deals, tickets", async () => {
		const trigger = 'https://n8n.example.com/webhook/4f1c2b9e/associations';
		const { code, out } = await run('--n8n-url', 'https://n8n.example.com', '--trigger-url', trigger);
		expect(code).toBe(0);
		const webhooks = JSON.parse(readFileSync(webhooksFile(), 'utf8'));
		expect(webhooks.config.settings).toEqual({ targetUrl: trigger, maxConcurrentRequests: 10 });
		expect(webhooks.config.subscriptions.crmObjects).toEqual(
			['contact', 'company', 'deal', 'ticket'].map((objectType) => ({ subscriptionType: 'object.associationChange', objectType, active: true })),
		);
		expect(out).toContain(`go to ${trigger}`);
		expect(out).not.toContain('host differs');

		const again = await run('--n8n-url', 'https://n8n.example.com');
		expect(again.out).toContain(`Kept`);
		expect(again.out).toContain(`(events go to ${trigger})`);
		expect(existsSync(webhooksFile())).toBe(true);
	});

	it("notes a trigger URL on another host (n8n's WEBHOOK_URL) without refusing it", async () => {
		const { code, out } = await run('--n8n-url', 'https://editor.example.com', '--trigger-url', 'https://hooks.example.com/webhook/a/associations');
		expect(code).toBe(0);
		expect(out).toContain("the trigger URL's host differs from --n8n-url");
	});

	it.each([
		[['--n8n-url', 'http://192.168.1.20:5678'], 1, 'uses an IP address (192.168.1.20): HubSpot refuses them'],
		[['--n8n-url', 'http://n8n.example.com'], 1, 'HubSpot accepts http only for localhost'],
		[['--n8n-url', 'https://n8n.example.com/#/workflows'], 1, 'has a fragment'],
		[['--n8n-url', 'https://n8n.example.com', '--trigger-url', 'https://n8n.example.com/webhook-test/a/associations'], 1, "copy its Production URL"],
		[[], 2, '--n8n-url is missing'],
		[['--n8n-url'], 2, '--n8n-url needs a value'],
		[['--n8n'], 2, 'unknown argument "--n8n"'],
	])('refuses %j with exit code %d and a clear message, writing nothing', async (argv, expectedCode, message) => {
		const before = readFileSync(join(dir, 'src/app/app-hsmeta.json'), 'utf8');
		const { code, out, err } = await run(...argv);
		expect(code).toBe(expectedCode);
		expect(err).toContain(message);
		expect(out).toBe('');
		expect(readFileSync(join(dir, 'src/app/app-hsmeta.json'), 'utf8')).toBe(before);
		expect(existsSync(webhooksFile())).toBe(false);
	});

	it('asks for the address when a terminal can answer', async () => {
		const out: string[] = [];
		const code = await main(['--dir', dir], { out: (line) => out.push(line), err: () => undefined, ask: async () => 'http://localhost:5678' });
		expect(code).toBe(0);
		expect(app().config.auth.redirectUrls).toEqual(['http://localhost:5678/rest/oauth2-credential/callback']);
	});

	it('refuses a folder that is not the project', async () => {
		const out: string[] = [];
		const err: string[] = [];
		expect(await main(['--n8n-url', 'https://n8n.example.com', '--dir', join(dir, 'src')], { out: (l) => out.push(l), err: (l) => err.push(l) })).toBe(1);
		expect(err.join()).toContain('is not the HubSpot project of this package');
	});
});
