/**
 * What the e2e files share: the packed tarball, the example workflows made executable by the
 * n8n CLI, and an OAuth2 credential pointing at the simulator.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { HubSpotSimulator } from '../../tools/simulator';

export type Json = Record<string, unknown>;
export interface N8nRun {
	status: string;
	items: Record<string, Json[]>;
	error?: unknown;
}
export type Example = Json & {
	nodes: Array<Json & { name: string; credentials?: Record<string, { id: string; name: string }> }>;
	pinData: Record<string, Array<{ json: Json }>>;
};

export const root = join(__dirname, '..', '..');

// run-workflow.mjs is plain ESM without types: a non-literal specifier keeps tsc from resolving it.
const runWorkflowModule = '../../tools/e2e/run-workflow.mjs';
export const loadRunner = async () =>
	(await import(runWorkflowModule)) as {
		runWorkflowInN8n(options: Json): Promise<N8nRun>;
		installCommunityTarball(userFolder: string, tarball: string, options: Json): Promise<Json>;
		/** The latest execution of a workflow, read from a user folder's database. */
		readExecutionFromDb(cache: string, userFolder: string, workflowId: string): Promise<unknown>;
		defaultCacheDir(): string;
	};

/** Builds the package and packs it into `dir`, as a user's `npm install` would get it. */
export function packTarball(dir: string): string {
	execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
	execFileSync('npm', ['pack', '--pack-destination', dir], { cwd: root, stdio: 'inherit' });
	return join(dir, readdirSync(dir).find((name) => name.endsWith('.tgz'))!);
}

export const loadExample = (name: string) => JSON.parse(readFileSync(join(root, 'examples', name), 'utf8')) as Example;
export const rowsOf = (workflow: Example) => Object.values(workflow.pinData)[0].map((item) => item.json);

/**
 * `n8n execute` ignores pinned data, so the pinned rows node becomes a Code node that returns
 * the same rows; everything else is the example as users import it.
 */
export function executable(workflow: Example, id: string) {
	const [pinnedNode] = Object.keys(workflow.pinData);
	return {
		...workflow,
		id,
		pinData: {},
		nodes: workflow.nodes.map((node) =>
			node.name === pinnedNode
				? {
						...node,
						type: 'n8n-nodes-base.code',
						typeVersion: 2,
						parameters: { jsCode: `return ${JSON.stringify(rowsOf(workflow))}.map((json) => ({ json }));` },
					}
				: node,
		),
	};
}

/** An OAuth2 credential on the simulator, with the id and name the node of `workflow` refers to. */
export function simulatorCredential(sim: HubSpotSimulator, reference: { id: string; name: string }, token: { accessToken: string; refreshToken: string }) {
	return {
		id: reference.id,
		name: reference.name,
		type: 'hubspotAssociationsOAuth2Api',
		data: {
			clientId: sim.oauthClient.clientId,
			clientSecret: sim.oauthClient.clientSecret,
			baseUrl: sim.baseUrl,
			scope: 'crm.objects.contacts.write crm.objects.companies.write',
			oauthTokenData: { access_token: token.accessToken, refresh_token: token.refreshToken, token_type: 'bearer', expires_in: 1800 },
		},
	};
}

export const credentialReference = (workflow: Example, nodeName: string) => Object.values(workflow.nodes.find((node) => node.name === nodeName)!.credentials!)[0];
