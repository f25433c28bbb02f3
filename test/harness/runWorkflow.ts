import 'reflect-metadata';
import { LoadOptionsContext } from 'n8n-core';
import {
	NodeConnectionTypes,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type IRun,
	type IExecuteFunctions,
	type INodePropertyOptions,
} from 'n8n-workflow';
import { HubspotAssociationsAppTokenApi } from '../../credentials/HubspotAssociationsAppTokenApi.credentials';
import { HubspotAssociationsOAuth2Api } from '../../credentials/HubspotAssociationsOAuth2Api.credentials';
import { HubspotAssociations } from '../../nodes/HubspotAssociations/HubspotAssociations.node';
import type { TestCredentialsHelper } from './credentialsHelper';
import { executeWorkflow, prepareWorkflow, type EngineSetup } from './engine';

export const NODE_TYPE = 'n8n-nodes-hubspot-associations.hubspotAssociations';
export const NODE_NAME = 'HubSpot Associations';
const SOURCE_NODE = 'Records';
/** HubSpot's own address: the credentials send their secrets nowhere else (nock answers, nothing leaves). */
export const TEST_BASE_URL = 'https://api.hubapi.com';

const credentialTypes: Record<string, ICredentialType> = {
	hubspotAssociationsOAuth2Api: new HubspotAssociationsOAuth2Api(),
	hubspotAssociationsAppTokenApi: new HubspotAssociationsAppTokenApi(),
};

/** An OAuth2 credential as n8n stores it after the user connected. */
export function oauthCredential(overrides: IDataObject = {}): ICredentialDataDecryptedObject {
	return {
		clientId: 'test-client-id',
		clientSecret: 'test-client-secret',
		baseUrl: TEST_BASE_URL,
		scope: 'crm.objects.contacts.write crm.objects.companies.write',
		oauthTokenData: { access_token: 'test-access-token', refresh_token: 'test-refresh-token', token_type: 'bearer' },
		...overrides,
	} as ICredentialDataDecryptedObject;
}

interface SimulatorAccountSource {
	baseUrl: string;
	oauthClient: { clientId: string; clientSecret: string };
	issueToken(): { accessToken: string; refreshToken: string };
}

/** The node's OAuth2 credential pointed at the HubSpot simulator, and the secrets it holds. */
export function simulatorAccount(sim: SimulatorAccountSource) {
	const { accessToken, refreshToken } = sim.issueToken();
	const credential = oauthCredential({
		baseUrl: sim.baseUrl,
		clientId: sim.oauthClient.clientId,
		clientSecret: sim.oauthClient.clientSecret,
		oauthTokenData: { access_token: accessToken, refresh_token: refreshToken, token_type: 'bearer' },
	});
	return {
		credentials: { hubspotAssociationsOAuth2Api: credential },
		secrets: [accessToken, refreshToken, sim.oauthClient.clientSecret],
	};
}

/** The credentials of a run against the HubSpot simulator. */
export function simulatorCredentials(sim: SimulatorAccountSource) {
	return simulatorAccount(sim).credentials;
}

export { batchCreateParameters } from './batchCreateParameters';

/** A node that outputs the given items, standing in for the records a workflow starts from. */
function sourceNodeType(items: IDataObject[]): INodeType {
	return {
		description: {
			displayName: 'Records',
			name: 'testRecords',
			group: ['input'],
			version: 1,
			description: 'Outputs fixed test items',
			defaults: { name: SOURCE_NODE },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			properties: [],
		},
		async execute(this: IExecuteFunctions) {
			return [items.map((json) => ({ json }))];
		},
	};
}

export interface RunOptions {
	items: IDataObject[];
	parameters: INodeParameters;
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	onError?: INode['onError'];
	retryOnFail?: boolean;
	/** Runs the node under its tool type (`…Tool`), as n8n does for an agent or the MCP Server Trigger, with a main input kept. */
	asTool?: boolean;
	/** Receives the execution's "Stop execution" once it runs. */
	onStarted?: (cancel: () => void) => void;
	/** The OAuth2 credential's id in n8n (default `cred-1`): runs with different ids keep separate throttles, as on separate workers. */
	credentialId?: string;
}

export interface RunResult {
	run: IRun;
	/** The node's regular output items. */
	output: INodeExecutionData[];
	/** Items on the error output (only with onError: 'continueErrorOutput'). */
	errorOutput: INodeExecutionData[];
	/** The error the node failed with, if it did. */
	error?: IRun['data']['resultData']['error'];
	credentialsHelper: TestCredentialsHelper;
}

/** Builds the workflow Records → HubSpot Associations. */
function buildWorkflow(options: RunOptions) {
	const hubspotNode: INode = {
		id: 'hubspot-node',
		name: NODE_NAME,
		type: options.asTool ? `${NODE_TYPE}Tool` : NODE_TYPE,
		typeVersion: 1,
		position: [200, 0],
		parameters: options.parameters,
		credentials: {
			hubspotAssociationsOAuth2Api: { id: options.credentialId ?? 'cred-1', name: 'HubSpot account' },
			hubspotAssociationsAppTokenApi: { id: 'cred-2', name: 'HubSpot private app' },
		},
		...(options.onError ? { onError: options.onError } : {}),
		...(options.retryOnFail ? { retryOnFail: true } : {}),
	};
	const sourceNode: INode = {
		id: 'source-node',
		name: SOURCE_NODE,
		type: 'test.testRecords',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};

	const definition = {
		nodes: [sourceNode, hubspotNode],
		connections: { [SOURCE_NODE]: { main: [[{ node: NODE_NAME, type: NodeConnectionTypes.Main, index: 0 }]] } },
	};
	const setup: EngineSetup = {
		nodeTypes: { [NODE_TYPE]: new HubspotAssociations(), [`${NODE_TYPE}Tool`]: new HubspotAssociations(), 'test.testRecords': sourceNodeType(options.items) },
		credentialTypes,
		credentials: { hubspotAssociationsOAuth2Api: oauthCredential(), ...(options.credentials ?? {}) },
	};
	return { definition, setup, hubspotNode, ...prepareWorkflow(definition, setup) };
}

/** Runs Records → HubSpot Associations on n8n-core's real WorkflowExecute. */
export async function runNode(options: RunOptions): Promise<RunResult> {
	const { definition, setup } = buildWorkflow(options);
	const { run, credentialsHelper } = await executeWorkflow(definition, setup, SOURCE_NODE, options.onStarted);
	const taskData = run.data.resultData.runData[NODE_NAME]?.[0];
	const main = taskData?.data?.main ?? [];
	return {
		run,
		output: main[0] ?? [],
		errorOutput: main[1] ?? [],
		error: run.data.resultData.error ?? taskData?.error,
		credentialsHelper,
	};
}

/**
 * Calls one of the node's `methods.loadOptions` the way n8n's editor does (through
 * n8n-core's LoadOptionsContext), with the node's current parameters.
 */
export async function loadOptions(
	method: string,
	parameters: INodeParameters,
	credentials?: Record<string, ICredentialDataDecryptedObject>,
): Promise<INodePropertyOptions[]> {
	const { workflow, additionalData } = buildWorkflow({ items: [], parameters, credentials });
	// The editor sends the parameters with their defaults filled in, as the Workflow holds them.
	additionalData.currentNodeParameters = workflow.getNode(NODE_NAME)!.parameters;
	const context = new LoadOptionsContext(workflow, workflow.getNode(NODE_NAME)!, additionalData, `parameters.${method}`);
	const node = new HubspotAssociations();
	const load = node.methods.loadOptions[method as keyof typeof node.methods.loadOptions];
	return await load.call(context);
}
