import 'reflect-metadata';
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import {
	createRunExecutionData,
	NodeHelpers,
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IConnections,
	type INode,
	type INodeType,
	type INodeTypes,
	type IPinData,
	type IRun,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { TestCredentialsHelper } from './credentialsHelper';

/** A workflow as n8n exports it: the parts the engine needs. */
export interface WorkflowDefinition {
	nodes: INode[];
	connections: IConnections;
	pinData?: IPinData;
}

export interface EngineSetup {
	/** Node types by type name, e.g. `n8n-nodes-hubspot-associations.hubspotAssociations`. */
	nodeTypes: Record<string, INodeType>;
	credentialTypes: Record<string, ICredentialType>;
	/** Decrypted credential data by credential type. */
	credentials: Record<string, ICredentialDataDecryptedObject>;
}

const BASE = 'http://localhost:5678';

/** Builds the Workflow and the additional data n8n-core's WorkflowExecute needs. */
export function prepareWorkflow(definition: WorkflowDefinition, setup: EngineSetup) {
	const nodeTypes: INodeTypes = {
		getByName: (type) => setup.nodeTypes[type],
		getByNameAndVersion: (type, version) => NodeHelpers.getVersionedNodeType(setup.nodeTypes[type], version),
		getKnownTypes: () => ({}),
	};
	const workflow = new Workflow({
		id: 'test-workflow',
		name: 'test',
		nodes: definition.nodes,
		connections: definition.connections,
		active: false,
		nodeTypes,
		settings: { executionOrder: 'v1' },
	});
	const credentialsHelper = new TestCredentialsHelper(setup.credentialTypes, { ...setup.credentials }, () => workflow);

	let finished: IRun | undefined;
	const hooks = new ExecutionLifecycleHooks('manual', 'test-execution', {
		id: 'test-workflow',
		name: 'test',
		active: false,
		activeVersionId: null,
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
		nodes: definition.nodes,
		connections: definition.connections,
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
		restApiUrl: `${BASE}/rest`,
		instanceBaseUrl: BASE,
		formBaseUrl: `${BASE}/form`,
		formWaitingBaseUrl: `${BASE}/form-waiting`,
		formTestBaseUrl: `${BASE}/form-test`,
		webhookBaseUrl: `${BASE}/webhook`,
		webhookWaitingBaseUrl: `${BASE}/webhook-waiting`,
		webhookTestBaseUrl: `${BASE}/webhook-test`,
		mcpBaseUrl: `${BASE}/mcp`,
		mcpTestBaseUrl: `${BASE}/mcp-test`,
		variables: {},
		logAiEvent: () => undefined,
		secretsHelpers: {},
	} as unknown as IWorkflowExecuteAdditionalData;

	return { workflow, credentialsHelper, additionalData, getFinished: () => finished };
}

/** Runs a workflow from `startNodeName` on n8n-core's real WorkflowExecute, pinned data included. */
export async function executeWorkflow(
	definition: WorkflowDefinition,
	setup: EngineSetup,
	startNodeName: string,
	/** Given the execution's "Stop execution" as soon as it runs; n8n-core then resolves once the running node returns. */
	onStarted?: (cancel: () => void) => void,
) {
	const { workflow, credentialsHelper, additionalData, getFinished } = prepareWorkflow(definition, setup);
	const startNode = workflow.getNode(startNodeName);
	if (!startNode) throw new Error(`test harness: no node named ${startNodeName}`);
	const runExecutionData = createRunExecutionData({
		resultData: { pinData: definition.pinData },
		executionData: { nodeExecutionStack: [{ node: startNode, data: { main: [[{ json: {} }]] }, source: null }] },
	});
	const execution = new WorkflowExecute(additionalData, 'manual', runExecutionData);
	const running = execution.processRunExecutionData(workflow);
	onStarted?.(() => running.cancel());
	const returned = await running;
	const run = getFinished() ?? returned;
	if (!run) throw new Error('test harness: the workflow did not finish');
	return { run, credentialsHelper };
}
