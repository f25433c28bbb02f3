import { deepCopy, NodeConnectionTypes, type IConnections, type IDataObject, type IExecuteFunctions, type INode, type INodeParameters, type INodeType } from 'n8n-workflow';
import { HubspotAssociations } from '../../../../nodes/HubspotAssociations/HubspotAssociations.node';
import { executeWorkflow, type EngineSetup } from '../../../harness/engine';
import { runNode } from '../../../harness/runWorkflow';
import { useSimulator } from '../../../harness/simulatorSuite';
import { HubspotAssociationsOAuth2Api } from '../../../../credentials/HubspotAssociationsOAuth2Api.credentials';
import { HubspotAssociationsAppTokenApi } from '../../../../credentials/HubspotAssociationsAppTokenApi.credentials';

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

describe('the node as an AI tool (n8n-core builds the tool and runs the node for each call)', () => {
	it('offers a tool named after the node, described for the model, taking the $fromAI ids', async () => {
		const { result } = await callTool({ resource: 'association', operation: 'batchCreateDefault', fromObjectType: 'contacts', toObjectType: 'companies', ...fromAI }, []);

		expect(result.name).toBe('Link_contact_to_company');
		expect(result.description).toBe(
			"Links a record in HubSpot contacts to a record in HubSpot companies with HubSpot's default, unlabeled association. Give the HubSpot record ID (digits) of each record. Answers status \"created\", or status \"failed\" with the reason, e.g. an ID that names no record.",
		);
		expect(result.schema).toEqual({ contactId: 'The HubSpot record ID (digits) of the contact', companyId: 'The HubSpot record ID (digits) of the company' });
	});

	it('tells the model which property to give when a side is looked up instead of given by ID', async () => {
		const parameters = { resource: 'association', operation: 'batchCreateDefault', fromObjectType: 'contacts', toObjectType: 'companies', fromIdType: 'email', ...fromAI };
		const { result } = await callTool(parameters, []);

		expect(result.description).toContain('Give the contacts record by its email and the companies record by its HubSpot record ID (digits).');
		const read = await callTool({ ...parameters, operation: 'batchRead' }, []);
		expect(read.result.description).toContain('Give the contacts record by its email.');
	});

	it('creates the association and answers with a compact result; an unknown id is a failed result naming it', async () => {
		const { result, run } = await callTool(
			{ resource: 'association', operation: 'batchCreate', fromObjectType: 'contacts', toObjectType: 'companies', associationTypes: ['USER_DEFINED:36'], ...fromAI },
			[
				{ contactId: '101', companyId: '201' },
				{ contactId: '102', companyId: '999999' },
			],
		);

		expect(result.answers).toEqual([
			[{ status: 'created', fromObjectType: 'contacts', fromObjectId: '101', toObjectType: 'companies', toObjectId: '201', labels: ['Billing contact'] }],
			[
				{
					status: 'failed',
					error:
						'HubSpot did not accept contacts 102 → companies 999999: One or more object ids are invalid: COMPANY=999999 is not valid. No HubSpot record has that ID: look the record up first and call again with its HubSpot record ID',
					fromObjectId: '102',
					toObjectId: '999999',
				},
			],
		]);
		expect(suite.sim.state.associationsBetween('contacts', '101', 'companies', '201').map((spec) => spec.associationTypeId).sort()).toEqual([279, 36].sort());
		expect(run.data.resultData.error).toBeUndefined();
	});

	it('answers a missing scope as a failed result with the scope, and never a token', async () => {
		suite.sim.faults.next(1, { status: 403, missingScopes: ['crm.objects.companies.write'] });
		const { result, run } = await callTool({ resource: 'association', operation: 'batchCreateDefault', fromObjectType: 'contacts', toObjectType: 'companies', ...fromAI }, [{ contactId: '101', companyId: '201' }]);

		const [[answer]] = result.answers;
		expect(answer.status).toBe('failed');
		expect(answer.error).toMatch(/lacks the scopes crm\.objects\.companies\.write \(403\).*Retrying will not help/);
		const secrets = Object.values(suite.credentials.hubspotAssociationsOAuth2Api.oauthTokenData as IDataObject).map(String);
		for (const secret of secrets.filter((value) => value.length > 12)) expect(JSON.stringify(run)).not.toContain(secret);
	});

	it('answers a value that is not a record ID with a failed result naming the field, and sends nothing', async () => {
		const { result } = await callTool({ resource: 'association', operation: 'batchCreateDefault', fromObjectType: 'contacts', toObjectType: 'companies', ...fromAI }, [
			{ contactId: '101', companyId: 'Acme Inc' },
		]);

		expect(result.answers).toEqual([
			[{ status: 'failed', error: 'To Record ID (toObjectId) must be a HubSpot record ID made of digits, got "Acme Inc"', fromObjectId: '101', toObjectId: 'Acme Inc' }],
		]);
		expect(suite.sim.requests).toEqual([]);
	});

	it('answers a rate limit it could not wait out with a failed result asking the model to wait', async () => {
		suite.sim.faults.next(1, { status: 429, retryAfterSeconds: 0 });
		const { result } = await callTool(
			{ resource: 'association', operation: 'batchCreateDefault', fromObjectType: 'contacts', toObjectType: 'companies', ...fromAI, options: { maxRetries: 0 } },
			[{ contactId: '101', companyId: '201' }],
		);

		const [[answer]] = result.answers;
		expect(answer).toMatchObject({ status: 'failed', fromObjectId: '101', toObjectId: '201' });
		expect(answer.error).toMatch(/rate limit was reached \(429\).*wait a minute, then call again$/);
		expect(suite.sim.state.associationsBetween('contacts', '101', 'companies', '201')).toEqual([]);
	});
});

describe('Sync as an AI tool', () => {
	const sync = { resource: 'association', operation: 'batchSync', fromObjectType: 'contacts', toObjectType: 'companies', associationTypes: ['HUBSPOT_DEFINED:279'], ...fromAI };

	it('answers "created" with the removal that failed, as continue-on-fail does, never a bare "failed"', async () => {
		suite.sim.state.associate('contacts', '101', 'companies', '201', [279]);
		// The read and the create pass; the removal of 101 → 201 is refused.
		suite.sim.faults.next(2, { kind: 'slow', ms: 0 });
		suite.sim.faults.next(1, { status: 403, missingScopes: ['crm.objects.companies.write'] });
		const { result } = await callTool(sync, [{ contactId: '101', companyId: '202' }]);

		const [[answer]] = result.answers;
		expect(answer).toMatchObject({ status: 'created', fromObjectId: '101', toObjectId: '202', removed: [] });
		expect(answer.removalErrors).toEqual([expect.objectContaining({ toObjectId: '201', error: expect.stringMatching(/removing the pair the input does not list/) })]);
		expect(suite.sim.state.associationsBetween('contacts', '101', 'companies', '202').map((spec) => spec.associationTypeId)).toEqual([279]);
		expect(suite.sim.state.associationsBetween('contacts', '101', 'companies', '201').map((spec) => spec.associationTypeId)).toEqual([279]);
	});

	it('says it removes the record\'s other links only when Remove Unlisted is on', async () => {
		const removing = await callTool(sync, []);
		expect(removing.result.description).toContain("REMOVES the record's other links to HubSpot companies");

		const keeping = await callTool({ ...sync, options: { removeUnlisted: false } }, []);
		expect(keeping.result.description).not.toMatch(/REMOVES|removes/);
		expect(keeping.result.description).toContain("keeps the record's other links");
	});

	it('tells the model that a dry run writes nothing, and says nothing of it otherwise', async () => {
		const dry = await callTool({ ...sync, options: { dryRun: true } }, []);
		expect(dry.result.description).toMatch(/Dry run: nothing is written in HubSpot; the answer says what would be done\.$/);
		const real = await callTool(sync, []);
		expect(real.result.description).not.toMatch(/dry run/i);
	});
});

describe('tool descriptions follow the settings that change what a call does to a link', () => {
	const base = { resource: 'association', fromObjectType: 'contacts', toObjectType: 'companies', ...fromAI };

	it("Batch Create says that HubSpot replaces the link's other labels, unless Keep Existing Labels is on", async () => {
		const replacing = await callTool({ ...base, operation: 'batchCreate', associationTypes: ['USER_DEFINED:36'] }, []);
		expect(replacing.result.description).toContain('Labels the link already has and this tool does not set are removed (HubSpot replaces them).');

		const keeping = await callTool({ ...base, operation: 'batchCreate', associationTypes: ['USER_DEFINED:36'], options: { keepExistingLabels: true } }, []);
		expect(keeping.result.description).toContain('Labels the link already has are kept.');
	});

	it("Batch Remove Labels promises to keep the link only when its types leave out HubSpot's unlabeled type (removing it removes the link)", async () => {
		const unlabeled = await callTool({ ...base, operation: 'batchArchiveLabels', associationTypes: ['HUBSPOT_DEFINED:279'] }, []);
		expect(unlabeled.result.description).not.toMatch(/keeping the link/);
		expect(unlabeled.result.description).toContain("removing HubSpot's unlabeled type, if among them, removes the link itself");

		const labelOnly = await callTool({ ...base, operation: 'batchArchiveLabels', associationTypes: ['USER_DEFINED:36'] }, []);
		expect(labelOnly.result.description).toMatch(/, keeping the link\./);
	});
});

describe('the label operations as an AI tool', () => {
	it.each([
		['getAll', /^Lists the association labels from HubSpot contacts to HubSpot companies/],
		['create', /^Creates the association label .* from HubSpot contacts to HubSpot companies/],
		['update', /^Renames an association label from HubSpot contacts to HubSpot companies/],
		['delete', /^Deletes an association label from HubSpot contacts to HubSpot companies/],
	])('%s has a description of its own for the model', async (operation, start) => {
		const { result } = await callTool({ resource: 'label', operation, fromObjectType: 'contacts', toObjectType: 'companies' }, []);
		expect(result.description).toMatch(start);
	});
});

describe('the node in a workflow keeps its full output', () => {
	it('is not compacted when it is not run as a tool', async () => {
		const { output } = await runNode({
			items: [{ contactId: '101', companyId: '201' }],
			parameters: { resource: 'association', operation: 'batchCreate', fromObjectType: 'contacts', toObjectType: 'companies', fromObjectId: '={{ $json.contactId }}', toObjectId: '={{ $json.companyId }}', associationTypes: ['USER_DEFINED:36'] },
			credentials: suite.credentials,
		});
		expect(output[0].json).toMatchObject({ status: 'created', fromObjectTypeId: '0-1', toObjectTypeId: '0-2', types: [{ associationCategory: 'USER_DEFINED', associationTypeId: 36 }] });
	});
});
