import { deepCopy, NodeConnectionTypes, type IConnections, type IDataObject, type IExecuteFunctions, type INode, type INodeParameters, type INodeType } from 'n8n-workflow';
import { HubspotAssociations } from '../../nodes/HubspotAssociations/HubspotAssociations.node';
import { executeWorkflow, type EngineSetup } from '../harness/engine';
import { runNode } from '../harness/runWorkflow';
import { useSimulator } from '../harness/simulatorSuite';
import { HubspotAssociationsOAuth2Api } from '../../credentials/HubspotAssociationsOAuth2Api.credentials';
import { HubspotAssociationsAppTokenApi } from '../../credentials/HubspotAssociationsAppTokenApi.credentials';

const suite = useSimulator();
const TOOL_TYPE = 'n8n-nodes-hubspot-associations.hubspotAssociationsTool';

/**
 * The node type n8n's loader registers for a `usableAsTool` node (n8n's convertNodeToAiTool):
 * `<name>Tool`, no main input, one ai_tool output. It adds no tool-description fields here
 * because the node declares its own `toolDescription`.
 */
function toolVariant(node: INodeType): INodeType {
	const description = deepCopy(node.description);
	expect(description.properties.some((property) => property.name === 'toolDescription')).toBe(true);
	const tool = Object.create(node) as INodeType;
	tool.description = {
		...description,
		name: `${description.name}Tool`,
		displayName: `${description.displayName} Tool`,
		inputs: [],
		outputs: [NodeConnectionTypes.AiTool],
		usableAsTool: undefined,
	};
	return tool;
}

interface ToolLike {
	name: string;
	description: string;
	schema: { shape: Record<string, { description?: string }> };
	invoke(args: IDataObject): Promise<string>;
}

/** Stands in for an agent: takes the connected tools the way n8n's agents do and calls each with the given arguments. */
function toolCallerType(calls: IDataObject[]): INodeType {
	return {
		description: {
			displayName: 'Tool caller',
			name: 'toolCaller',
			group: ['transform'],
			version: 1,
			description: 'Calls the connected tool',
			defaults: { name: 'Agent' },
			inputs: [NodeConnectionTypes.Main, { type: NodeConnectionTypes.AiTool, displayName: 'Tools' }],
			outputs: [NodeConnectionTypes.Main],
			properties: [],
		},
		async execute(this: IExecuteFunctions) {
			const [tool] = (await this.getInputConnectionData(NodeConnectionTypes.AiTool, 0)) as ToolLike[];
			const answers = [];
			for (const args of calls) answers.push(JSON.parse(await tool.invoke(args)) as IDataObject[]);
			const schema = Object.fromEntries(Object.entries(tool.schema.shape).map(([key, value]) => [key, value.description ?? '']));
			return [[{ json: { name: tool.name, description: tool.description, schema, answers } as IDataObject }]];
		},
	};
}

async function callTool(parameters: INodeParameters, calls: IDataObject[]) {
	const toolNode: INode = {
		id: 'tool',
		name: 'Link contact to company',
		type: TOOL_TYPE,
		typeVersion: 1,
		position: [0, 200],
		parameters,
		credentials: { hubspotAssociationsOAuth2Api: { id: 'cred-1', name: 'HubSpot account' } },
	};
	const start: INode = { id: 'start', name: 'Start', type: 'test.start', typeVersion: 1, position: [0, 0], parameters: {} };
	const agent: INode = { id: 'agent', name: 'Agent', type: 'test.toolCaller', typeVersion: 1, position: [200, 0], parameters: {} };
	const startType: INodeType = { ...toolCallerType([]), description: { ...toolCallerType([]).description, name: 'start', inputs: [] }, execute: async () => [[{ json: {} }]] };
	const setup: EngineSetup = {
		nodeTypes: { [TOOL_TYPE]: toolVariant(new HubspotAssociations()), 'test.toolCaller': toolCallerType(calls), 'test.start': startType },
		credentialTypes: { hubspotAssociationsOAuth2Api: new HubspotAssociationsOAuth2Api(), hubspotAssociationsAppTokenApi: new HubspotAssociationsAppTokenApi() },
		credentials: { ...suite.credentials },
	};
	const connections: IConnections = {
		Start: { main: [[{ node: 'Agent', type: NodeConnectionTypes.Main, index: 0 }]] },
		[toolNode.name]: { ai_tool: [[{ node: 'Agent', type: NodeConnectionTypes.AiTool, index: 0 }]] },
	};
	const definition = { nodes: [start, agent, toolNode], connections };
	const { run } = await executeWorkflow(definition, setup, 'Start');
	const agentRun = run.data.resultData.runData.Agent?.[0];
	if (!agentRun?.data) throw new Error(`the agent did not run: ${JSON.stringify(run.data.resultData.error ?? agentRun?.error)}`);
	return { result: agentRun.data.main[0]![0].json as { name: string; description: string; schema: Record<string, string>; answers: IDataObject[][] }, run };
}

const fromAI = {
	fromObjectId: "={{ $fromAI('contactId', 'The HubSpot record ID (digits) of the contact', 'string') }}",
	toObjectId: "={{ $fromAI('companyId', 'The HubSpot record ID (digits) of the company', 'string') }}",
};


const base = { resource: 'association', fromObjectType: 'contacts', toObjectType: 'companies', ...fromAI };

describe('tool descriptions follow the settings that change what a call does to a link', () => {
	it("Batch Create says that HubSpot replaces the link's other labels, unless Keep Existing Labels is on", async () => {
		const replacing = await callTool({ ...base, operation: 'batchCreate', associationTypes: ['USER_DEFINED:36'] }, []);
		expect(replacing.result.description).toMatch(/labels the link already has .*(removed|replaced)/i);

		const keeping = await callTool({ ...base, operation: 'batchCreate', associationTypes: ['USER_DEFINED:36'], options: { keepExistingLabels: true } }, []);
		expect(keeping.result.description).toMatch(/labels the link already has are kept/i);
	});

	it("Batch Remove Labels does not promise to keep the link when its types include HubSpot's unlabeled type (removing it removes the link)", async () => {
		const { result } = await callTool({ ...base, operation: 'batchArchiveLabels', associationTypes: ['HUBSPOT_DEFINED:279'] }, [{ contactId: '101', companyId: '201' }]);
		expect(result.description).not.toMatch(/keeping the link/);

		const labelOnly = await callTool({ ...base, operation: 'batchArchiveLabels', associationTypes: ['USER_DEFINED:36'] }, []);
		expect(labelOnly.result.description).toMatch(/keeping the link/);
	});
});
