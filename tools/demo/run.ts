/**
 * `npm run demo`: runs examples/link-contacts-to-companies.json through n8n's real engine with the
 * BUILT node (dist/) against the bundled HubSpot simulator, and prints what happened.
 *
 *   npm run demo [-- --auth oauth2|app-token]
 * `--auth app-token` runs it with the app-token credential (a service key, a static-auth app's token or
 * a legacy private app's token: all are Bearer tokens), the default with the OAuth2 credential.
 */
import '../../test/setup-env';
import { readFileSync } from 'fs';
import { join } from 'path';
import type { ICredentialDataDecryptedObject, ICredentialType, IExecuteFunctions, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { executeWorkflow, type WorkflowDefinition } from '../../test/harness/engine';
import { startSimulator, type HubSpotSimulator } from '../simulator';

const root = join(__dirname, '..', '..');
const examplePath = join(root, 'examples', 'link-contacts-to-companies.json');

function requireBuilt<T>(relative: string, exportName: string): T {
	try {
		return (require(join(root, 'dist', relative)) as Record<string, T>)[exportName];
	} catch {
		throw new Error(`dist/${relative} is missing: run "npm run build" first (npm run demo does it)`);
	}
}

/** Stand-ins for n8n's built-in Manual Trigger and No Op nodes: pinned data feeds the workflow. */
function passThrough(name: string, isTrigger: boolean): INodeType {
	const description: INodeTypeDescription = {
		displayName: name,
		name,
		group: [isTrigger ? 'trigger' : 'transform'],
		version: 1,
		description: name,
		defaults: { name },
		inputs: isTrigger ? [] : [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};
	return {
		description,
		async execute(this: IExecuteFunctions) {
			return [this.getInputData()];
		},
	};
}

function countBy<T>(values: T[], key: (value: T) => string): Map<string, number> {
	const counts = new Map<string, number>();
	for (const value of values) counts.set(key(value), (counts.get(key(value)) ?? 0) + 1);
	return counts;
}

const AUTH = ['oauth2', 'app-token'] as const;

function authOf(argv: string[]): (typeof AUTH)[number] {
	const index = argv.findIndex((arg) => arg === '--auth' || arg.startsWith('--auth='));
	if (index === -1) return 'oauth2';
	const value = argv[index].includes('=') ? argv[index].split('=')[1] : argv[index + 1];
	if (!AUTH.includes(value as (typeof AUTH)[number])) throw new Error(`--auth takes ${AUTH.join(' or ')}, got ${value}`);
	return value as (typeof AUTH)[number];
}

/** The credential a user of that path creates, filled with what the simulator accepts. */
function credentialFor(auth: (typeof AUTH)[number], sim: HubSpotSimulator): Record<string, ICredentialDataDecryptedObject> {
	if (auth === 'app-token') {
		const appToken = 'demo-service-key-0000';
		sim.state.addPrivateAppToken(appToken);
		return { hubspotAssociationsAppTokenApi: { appToken, baseUrl: sim.baseUrl } };
	}
	const token = sim.issueToken();
	return {
		hubspotAssociationsOAuth2Api: {
			clientId: sim.oauthClient.clientId,
			clientSecret: sim.oauthClient.clientSecret,
			baseUrl: sim.baseUrl,
			oauthTokenData: { access_token: token.accessToken, refresh_token: token.refreshToken, token_type: 'bearer' },
		},
	};
}

async function main(): Promise<number> {
	const auth = authOf(process.argv.slice(2));
	const HubspotAssociations = requireBuilt<new () => INodeType>('nodes/HubspotAssociations/HubspotAssociations.node.js', 'HubspotAssociations');
	const OAuth2Credential = requireBuilt<new () => ICredentialType>(
		'credentials/HubspotAssociationsOAuth2Api.credentials.js',
		'HubspotAssociationsOAuth2Api',
	);
	const AppTokenCredential = requireBuilt<new () => ICredentialType>(
		'credentials/HubspotAssociationsAppTokenApi.credentials.js',
		'HubspotAssociationsAppTokenApi',
	);
	const workflow = JSON.parse(readFileSync(examplePath, 'utf8')) as WorkflowDefinition & { name: string };
	const hubspotNode = workflow.nodes.find((node) => node.type === 'n8n-nodes-hubspot-associations.hubspotAssociations')!;
	const trigger = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.manualTrigger')!;
	const inputCount = Object.values(workflow.pinData ?? {})[0]?.length ?? 0;
	if (auth === 'app-token') {
		hubspotNode.parameters = { ...hubspotNode.parameters, authentication: 'appToken' };
		hubspotNode.credentials = { hubspotAssociationsAppTokenApi: { id: 'demoAppToken', name: 'HubSpot service key (simulator)' } };
	}

	const sim = await startSimulator();
	try {
		const started = Date.now();
		const { run } = await executeWorkflow(
			workflow,
			{
				nodeTypes: {
					'n8n-nodes-base.manualTrigger': passThrough('manualTrigger', true),
					'n8n-nodes-base.noOp': passThrough('noOp', false),
					'n8n-nodes-hubspot-associations.hubspotAssociations': new HubspotAssociations(),
				},
				credentialTypes: { hubspotAssociationsOAuth2Api: new OAuth2Credential(), hubspotAssociationsAppTokenApi: new AppTokenCredential() },
				credentials: credentialFor(auth, sim),
			},
			trigger.name,
		);
		const elapsed = Date.now() - started;

		const task = run.data.resultData.runData[hubspotNode.name]?.[0];
		const output = task?.data?.main?.[0] ?? [];
		const failure = run.data.resultData.error;
		const creates = sim.requests.filter((request) => request.path.endsWith('/batch/create'));
		const created = output.filter((item) => item.json.status === 'created');
		const failed = output.filter((item) => item.json.error);
		const stored = created.filter((item) =>
			sim.state.associationsBetween('contacts', String(item.json.fromObjectId), 'companies', String(item.json.toObjectId)).length > 0,
		);
		const paired = output.every((item, index) => (item.pairedItem as { item: number } | undefined)?.item === index);

		console.log(`\n${workflow.name}`);
		console.log(`  ran on n8n-core's WorkflowExecute with dist/ against the HubSpot simulator at ${sim.baseUrl} in ${elapsed} ms`);
		console.log(`  credential ............. ${auth === 'app-token' ? 'HubSpot CRM Service Key or App Token API (Bearer token)' : 'HubSpot CRM OAuth2 API'}\n`);
		console.log(`  input items ............ ${inputCount}`);
		console.log(`  requests to HubSpot .... ${creates.length} × POST …/batch/create (inputs per request: ${creates.map((r) => (r.body as { inputs: unknown[] }).inputs.length).join(', ')})`);
		console.log(`  output items ........... ${output.length} (each paired to its input item: ${paired ? 'yes' : 'NO'})`);
		console.log(`  associations created ... ${created.length} (found in the simulator: ${stored.length})`);
		console.log(`  items failed ........... ${failed.length}`);
		for (const [message, count] of countBy(failed, (item) => String(item.json.error))) console.log(`    ${count} × ${message}`);
		console.log('\n  first output items:');
		for (const item of output.slice(0, 2)) console.log(`    ${JSON.stringify(item.json)}`);
		console.log(`    ${JSON.stringify(failed[0]?.json)}\n`);

		if (failure) {
			console.error(`The workflow failed: ${failure.message}`);
			return 1;
		}
		if (output.length !== inputCount || !paired || stored.length !== created.length) {
			console.error('Output does not match the input one to one, or a reported association is missing in the simulator.');
			return 1;
		}
		return 0;
	} finally {
		await sim.close();
	}
}

main().then(
	(code) => {
		process.exitCode = code;
	},
	(error: Error) => {
		console.error(error.message);
		process.exitCode = 1;
	},
);
