/**
 * `npm run hubspot-app -- --n8n-url https://n8n.example.com [--trigger-url <production URL>]`:
 * fills the HubSpot project in `hubspot-app/` with this n8n's OAuth redirect URL (and the
 * trigger's webhook URL), checked against HubSpot's rules first, then prints what to run next.
 *
 *   --n8n-url      the address n8n's editor opens at (asked for when missing on a terminal)
 *   --trigger-url  the HubSpot Associations Trigger's Production URL: writes the webhooks component
 *   --dir          the project folder (default: hubspot-app/ of this repository)
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'fs';
import { dirname, join, relative, resolve } from 'path';
import { createInterface } from 'readline/promises';
import { APP_FILE, WEBHOOKS_FILE, webhooksComponent, withN8n, type AppComponent, type WebhooksComponent } from './project';
import { checkN8nUrl, checkTriggerUrl, redirectUrl } from './urls';

export interface Io {
	out: (line: string) => void;
	err: (line: string) => void;
	/** Asks for a missing --n8n-url; absent when no one can answer (CI, a pipe). */
	ask?: (question: string) => Promise<string>;
}

const USAGE = 'usage: npm run hubspot-app -- --n8n-url https://n8n.example.com [--trigger-url https://n8n.example.com/webhook/<id>/associations] [--dir hubspot-app]';
const DEFAULT_DIR = resolve(__dirname, '../../hubspot-app');

function parseArgs(argv: string[]): Record<string, string> | string {
	const flags: Record<string, string> = {};
	for (let i = 0; i < argv.length; i++) {
		const [name, inline] = argv[i].split(/=(.*)/s, 2);
		if (name === '--help' || name === '-h') return 'help';
		if (!['--n8n-url', '--trigger-url', '--dir'].includes(name)) return `unknown argument "${argv[i]}"`;
		const value = inline ?? argv[++i];
		if (value === undefined || (inline === undefined && value.startsWith('--'))) return `${name} needs a value`;
		flags[name.slice(2)] = value;
	}
	return flags;
}

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;
const writeJson = (path: string, value: unknown) => {
	mkdirSync(dirname(path), { recursive: true });
	writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
};

export async function main(argv: string[], io: Io): Promise<number> {
	const flags = parseArgs(argv);
	if (flags === 'help') return io.out(USAGE), 0;
	if (typeof flags === 'string') return io.err(`${flags}\n${USAGE}`), 2;

	const dir = resolve(flags.dir ?? DEFAULT_DIR);
	if (!existsSync(join(dir, 'hsproject.json')) || !existsSync(join(dir, APP_FILE))) {
		return io.err(`${dir} is not the HubSpot project of this package (no hsproject.json and ${APP_FILE})`), 1;
	}
	let n8nText = flags['n8n-url'];
	if (n8nText === undefined && io.ask) n8nText = await io.ask('Address n8n opens at (e.g. https://n8n.example.com): ');
	if (n8nText === undefined) return io.err(`--n8n-url is missing\n${USAGE}`), 2;
	const n8n = checkN8nUrl(n8nText);
	if (!n8n.ok) return io.err(n8n.error), 1;
	const trigger = flags['trigger-url'] === undefined ? undefined : checkTriggerUrl(flags['trigger-url']);
	if (trigger && !trigger.ok) return io.err(trigger.error), 1;

	const callback = redirectUrl(n8n.value);
	writeJson(join(dir, APP_FILE), withN8n(readJson<AppComponent>(join(dir, APP_FILE)), callback));
	const shown = (file: string) => relative(process.cwd(), join(dir, file)) || file;
	io.out(`Wrote ${shown(APP_FILE)}: redirect URL ${callback}, the credential's scopes.`);

	const webhooksPath = join(dir, WEBHOOKS_FILE);
	if (trigger?.ok) {
		writeJson(webhooksPath, webhooksComponent(trigger.value));
		io.out(`Wrote ${shown(WEBHOOKS_FILE)}: association changes of contacts, companies, deals and tickets go to ${trigger.value}.`);
		if (new URL(trigger.value).host !== n8n.value.host) {
			io.out(`  Note: the trigger URL's host differs from --n8n-url (fine when n8n's WEBHOOK_URL is another address).`);
		}
	} else if (existsSync(webhooksPath)) {
		const kept = readJson<WebhooksComponent>(webhooksPath).config?.settings?.targetUrl;
		io.out(`Kept ${shown(WEBHOOKS_FILE)} (events go to ${kept}); delete the file to stop webhooks, or pass --trigger-url to change it.`);
	} else {
		io.out('No webhooks component: pass --trigger-url with the HubSpot Associations Trigger\'s Production URL to add one.');
	}

	const project = relative(process.cwd(), dir) || '.';
	io.out(
		[
			'',
			'Next (HubSpot CLI, Node 20+; see README "Set-up"):',
			'  npm install -g @hubspot/cli     # once',
			`  cd ${project}`,
			'  hs init                         # once: connects the CLI to your HubSpot account (personal access key)',
			'  hs project upload               # creates the project on first upload, then builds and deploys it',
			'  hs project open                 # your app → Auth tab: copy the Client ID and Client secret;',
			'                                  # Distribution tab: your account must be one the app may install in',
			'In n8n: Credentials → New → "HubSpot CRM OAuth2 API": paste the Client ID and Client secret, keep',
			`Scope and Optional Scope as they are, check n8n shows the redirect URL ${callback}, then "Connect my account".`,
			'Changed a URL later? Run this again, then "hs project upload".',
		].join('\n'),
	);
	return 0;
}

if (require.main === module) {
	const terminal = process.stdin.isTTY;
	const rl = terminal ? createInterface({ input: process.stdin, output: process.stdout }) : undefined;
	main(process.argv.slice(2), {
		out: (line) => console.log(line),
		err: (line) => console.error(line),
		ask: rl ? (question) => rl.question(question) : undefined,
	})
		.then((code) => {
			rl?.close();
			process.exitCode = code;
		})
		.catch((error) => {
			rl?.close();
			console.error(error);
			process.exitCode = 1;
		});
}
