import 'reflect-metadata';
import { ExecutionLifecycleHooks, LoadOptionsContext, WorkflowExecute } from 'n8n-core';
import {
	createRunExecutionData,
	NodeConnectionTypes,
	NodeHelpers,
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type INodeTypes,
	type IRun,
	type IWorkflowExecuteAdditionalData,
	type IExecuteFunctions,
	type INodePropertyOptions,
} from 'n8n-workflow';
import { HubspotAssociationsOAuth2Api } from '../../credentials/HubspotAssociationsOAuth2Api.credentials';
import { HubspotAssociations } from '../../nodes/HubspotAssociations/HubspotAssociations.node';
import { TestCredentialsHelper } from './credentialsHelper';

export const NODE_TYPE = 'n8n-nodes-hubspot-associations.hubspotAssociations';
export const NODE_NAME = 'HubSpot Associations';
const SOURCE_NODE = 'Records';
export const TEST_BASE_URL = 'https://api.hubapi.test';

const credentialTypes: Record<string, ICredentialType> = {
	hubspotAssociationsOAuth2Api: new HubspotAssociationsOAuth2Api(),
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

/** Builds the workflow Records → HubSpot Associations and what n8n-core needs to run it. */
function buildWorkflow(options: RunOptions) {
	const hubspotNode: INode = {
		id: 'hubspot-node',
		name: NODE_NAME,
		type: NODE_TYPE,
		typeVersion: 1,
		position: [200, 0],
		parameters: options.parameters,
		credentials: {
			hubspotAssociationsOAuth2Api: { id: 'cred-1', name: 'HubSpot account' },
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

	const types: Record<string, INodeType> = {
		[NODE_TYPE]: new HubspotAssociations(),
		'test.testRecords': sourceNodeType(options.items),
	};
	const nodeTypes: INodeTypes = {
		getByName: (type) => types[type],
		getByNameAndVersion: (type, version) => NodeHelpers.getVersionedNodeType(types[type], version),
		getKnownTypes: () => ({}),
	};

	const workflow = new Workflow({
		id: 'test-workflow',
		name: 'test',
		nodes: [sourceNode, hubspotNode],
		connections: {
			[SOURCE_NODE]: { main: [[{ node: NODE_NAME, type: NodeConnectionTypes.Main, index: 0 }]] },
		},
		active: false,
		nodeTypes,
		settings: { executionOrder: 'v1' },
	});

	const credentialsHelper = new TestCredentialsHelper(
		credentialTypes,
		{ hubspotAssociationsOAuth2Api: oauthCredential(), ...(options.credentials ?? {}) },
		() => workflow,
	);

	let finished: IRun | undefined;
	const hooks = new ExecutionLifecycleHooks('manual', 'test-execution', {
		id: 'test-workflow',
		name: 'test',
		active: false,
		activeVersionId: null,
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
		nodes: Object.values(workflow.nodes),
		connections: workflow.connectionsBySourceNode,
		settings: {},
	} as never);
	hooks.addHandler('workflowExecuteAfter', (run) => {
		finished = run;
	});

	const additionalData = {
		credentialsHelper,
		hooks,
		executeWorkflow: async () => {
			throw new Error('not used');
		},
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678',
		formBaseUrl: 'http://localhost:5678/form',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		formTestBaseUrl: 'http://localhost:5678/form-test',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		mcpBaseUrl: 'http://localhost:5678/mcp',
		mcpTestBaseUrl: 'http://localhost:5678/mcp-test',
		variables: {},
		logAiEvent: () => undefined,
		secretsHelpers: {},
	} as unknown as IWorkflowExecuteAdditionalData;

	return { workflow, hubspotNode, sourceNode, credentialsHelper, additionalData, hooks, getFinished: () => finished };
}

/** Runs Records → HubSpot Associations on n8n-core's real WorkflowExecute. */
export async function runNode(options: RunOptions): Promise<RunResult> {
	const { workflow, sourceNode, credentialsHelper, additionalData, getFinished } = buildWorkflow(options);
	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [
				{
					node: sourceNode,
					data: { main: [[{ json: {} }]] },
					source: null,
				},
			],
		},
	});
	const execution = new WorkflowExecute(additionalData, 'manual', runExecutionData);
	const returned = await execution.processRunExecutionData(workflow);
	const run = getFinished() ?? returned;
	if (!run) throw new Error('test harness: the workflow did not finish');

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
