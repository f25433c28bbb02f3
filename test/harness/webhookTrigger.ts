import 'reflect-metadata';
import { HookContext, WebhookContext } from 'n8n-core';
import type { IDataObject, ICredentialDataDecryptedObject, INode, INodeParameters, IWebhookData, IWebhookResponseData, IWorkflowExecuteAdditionalData } from 'n8n-workflow';
import { HubspotAssociationsAppTokenApi } from '../../credentials/HubspotAssociationsAppTokenApi.credentials';
import { HubspotAssociationsOAuth2Api } from '../../credentials/HubspotAssociationsOAuth2Api.credentials';
import { HubspotAssociationsTrigger } from '../../nodes/HubspotAssociationsTrigger/HubspotAssociationsTrigger.node';
import { signatureV3 } from '../../nodes/HubspotAssociationsTrigger/helpers/signature';
import { prepareWorkflow } from './engine';

export const TRIGGER_TYPE = 'n8n-nodes-hubspot-associations.hubspotAssociationsTrigger';
export const WEBHOOK_ID = '5b1c0d2e-8f4a-4c1e-9d3b-2a7f6e0c1d44';
/** The production URL n8n gives the trigger in the harness (its `webhookBaseUrl` + webhook id + path). */
export const PRODUCTION_URL = `http://localhost:5678/webhook/${WEBHOOK_ID}/associations`;

export interface Delivered {
	status: number;
	/** What the trigger answered itself; undefined when it left the answer to n8n ("Workflow was started", sent once n8n 2.x has stored the execution). */
	body?: unknown;
	/** Whether the trigger answered HubSpot itself, before returning (n8n then starts the execution without holding the answer). */
	answeredByNode: boolean;
	/** The items of the execution it starts, if it starts one. */
	items?: Record<string, unknown>[];
	warnings: string[];
}

export interface DeliveryRequest {
	body: string;
	headers: Record<string, string>;
	method?: string;
	query?: string;
}

/**
 * One trigger node in one workflow on n8n-core's real WebhookContext: deliveries share the
 * workflow's static data, as one activated workflow's deliveries do.
 */
export class TriggerHarness {
	readonly node: INode;
	readonly warnings: string[] = [];
	/** The workflow's static data as n8n last saved it: with each execution, not when a delivery ends. */
	private saved: IDataObject = {};

	constructor(parameters: INodeParameters, credentials: Record<string, ICredentialDataDecryptedObject>) {
		this.node = {
			id: 'trigger-node',
			name: 'HubSpot Associations Trigger',
			type: TRIGGER_TYPE,
			typeVersion: 1,
			position: [0, 0],
			webhookId: WEBHOOK_ID,
			parameters,
			credentials: {
				hubspotAssociationsOAuth2Api: { id: 'cred-1', name: 'HubSpot account' },
				hubspotAssociationsAppTokenApi: { id: 'cred-2', name: 'HubSpot private app' },
			},
		};
		this.credentials = credentials;
	}

	private readonly credentials: Record<string, ICredentialDataDecryptedObject>;

	/** The node's static data as last saved. */
	get staticData(): IDataObject {
		return (this.saved[`node:${this.node.name}`] ?? {}) as IDataObject;
	}

	/** Each request gets the workflow as n8n loads it for a delivery: with the static data last saved. */
	private prepare() {
		const prepared = prepareWorkflow(
			{ nodes: [{ ...this.node }], connections: {} },
			{
				nodeTypes: { [TRIGGER_TYPE]: new HubspotAssociationsTrigger() },
				credentialTypes: { hubspotAssociationsOAuth2Api: new HubspotAssociationsOAuth2Api(), hubspotAssociationsAppTokenApi: new HubspotAssociationsAppTokenApi() },
				credentials: this.credentials,
			},
		);
		prepared.workflow.staticData = JSON.parse(JSON.stringify(this.saved)) as never;
		return prepared;
	}

	private additionalData(prepared: ReturnType<TriggerHarness['prepare']>, extra: object): IWorkflowExecuteAdditionalData {
		return { ...prepared.additionalData, ...extra } as unknown as IWorkflowExecuteAdditionalData;
	}

	/** n8n's logger comes from its container: the context's is replaced to read what the node logs. */
	private withLogger<T extends object>(context: T): T {
		const logger = { warn: (line: string) => this.warnings.push(line), info: () => undefined, debug: () => undefined, error: (line: string) => this.warnings.push(line) };
		return Object.defineProperty(context, 'logger', { value: logger });
	}

	/** Posts one delivery to the trigger's webhook() as n8n's webhook server would. */
	async deliver({ body, headers, method = 'POST', query = '' }: DeliveryRequest): Promise<Delivered> {
		const response = { statusCode: 200, body: undefined as unknown, sent: false, status(code: number) { this.statusCode = code; return this; }, json(value: unknown) { this.body = value; this.sent = true; return this; } };
		const lowerCased = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
		const request = { method, headers: lowerCased, originalUrl: `/webhook/${WEBHOOK_ID}/associations${query}`, rawBody: Buffer.from(body), body: safeParse(body), query: {}, params: {} };
		const prepared = this.prepare();
		const { workflow } = prepared;
		const node = workflow.getNode(this.node.name)!;
		const webhookData = { httpMethod: 'POST', node: node.name, path: 'associations', webhookDescription: { name: 'default', httpMethod: 'POST', path: 'associations' }, workflowId: workflow.id, webhookId: WEBHOOK_ID } as unknown as IWebhookData;
		const context = this.withLogger(new WebhookContext(workflow, node, this.additionalData(prepared, { httpRequest: request, httpResponse: response }), 'webhook', webhookData, [], null));
		const warningsBefore = this.warnings.length;
		const answer: IWebhookResponseData = await new HubspotAssociationsTrigger().webhook.call(context);
		const warnings = this.warnings.slice(warningsBefore);
		// n8n answers itself only when the node has not (noWebhookResponse), and runs the workflow when given items.
		const answered = { status: answer.noWebhookResponse ? response.statusCode : 200, body: response.body, answeredByNode: response.sent, warnings };
		if (!answer.workflowData) return { ...answered, items: undefined };
		this.saved = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
		return { ...answered, items: answer.workflowData[0]?.map((item) => item.json as Record<string, unknown>) };
	}

	/** Runs the node's activation check (webhookMethods.default.create) in n8n-core's HookContext. */
	async activate(): Promise<boolean> {
		const prepared = this.prepare();
		const { workflow } = prepared;
		const context = this.withLogger(new HookContext(workflow, workflow.getNode(this.node.name)!, this.additionalData(prepared, {}), 'trigger', 'activate'));
		return await new HubspotAssociationsTrigger().webhookMethods.default.create.call(context);
	}
}

function safeParse(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return {};
	}
}

/** HubSpot's v3 headers for a body sent at `timestamp` to the trigger's production URL. */
export function signedHeaders(body: string, secret: string, timestamp = Date.now(), url = PRODUCTION_URL): Record<string, string> {
	return {
		'Content-Type': 'application/json',
		'X-HubSpot-Signature-v3': signatureV3(secret, 'POST', url, Buffer.from(body), String(timestamp)),
		'X-HubSpot-Request-Timestamp': String(timestamp),
	};
}
