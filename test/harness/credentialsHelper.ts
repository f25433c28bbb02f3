import {
	ICredentialsHelper,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IHttpRequestHelper,
	type IHttpRequestOptions,
	type INode,
	type INodeCredentialsDetails,
	type INodeProperties,
	type IRequestOptionsSimplified,
	type IWorkflowExecuteAdditionalData,
	type Workflow,
} from 'n8n-workflow';
import { Credentials } from 'n8n-core';

/**
 * Stands in for n8n's CredentialsHelper: hands out stored credential data the way n8n does
 * (hidden fields always take their default, expression defaults are resolved against the
 * credential's own data) and records OAuth token updates.
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	readonly tokenUpdates: ICredentialDataDecryptedObject[] = [];

	constructor(
		private readonly types: Record<string, ICredentialType>,
		private readonly data: Record<string, ICredentialDataDecryptedObject>,
		private readonly workflowRef: () => Workflow,
	) {
		super();
	}

	getParentTypes(name: string): string[] {
		return [...(this.types[name]?.extends ?? [])];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
	): Promise<IHttpRequestOptions> {
		const authenticate = this.types[typeName]?.authenticate;
		const options = requestOptions as IHttpRequestOptions;
		if (!authenticate) return options;
		if (typeof authenticate === 'function') return await authenticate(credentials, options);
		const headers = { ...(options.headers ?? {}) };
		for (const [name, template] of Object.entries(authenticate.properties.headers ?? {})) {
			headers[name] = String(template).replace(/\{\{\s*\$credentials\.(\w+)\s*\}\}/g, (_, key: string) => String(credentials[key] ?? '')).replace(/^=/, '');
		}
		return { ...options, headers };
	}

	async preAuthentication(
		_helpers: IHttpRequestHelper,
		_credentials: ICredentialDataDecryptedObject,
		_typeName: string,
		_node: INode,
		_credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async getCredentials(nodeCredentials: INodeCredentialsDetails, type: string): Promise<Credentials> {
		const credentials = new Credentials(nodeCredentials, type);
		credentials.setData(this.data[type] ?? {});
		return credentials;
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const stored = this.data[type];
		if (!stored) throw new Error(`test harness: no credential of type ${type}`);
		const resolved: ICredentialDataDecryptedObject = { ...stored };
		for (const property of this.getCredentialsProperties(type)) {
			if (property.type === 'hidden' || resolved[property.name] === undefined) {
				resolved[property.name] = property.default as ICredentialDataDecryptedObject[string];
			}
		}
		const workflow = this.workflowRef();
		const nodeName = Object.keys(workflow.nodes)[0];
		for (const [key, value] of Object.entries(resolved)) {
			if (typeof value === 'string' && value.startsWith('=')) {
				resolved[key] = workflow.expression.getParameterValue(value, null, 0, 0, nodeName, [], 'internal', {}, undefined, false, stored) as string;
			}
		}
		return resolved;
	}

	async updateCredentials(_details: INodeCredentialsDetails, type: string, data: ICredentialDataDecryptedObject): Promise<void> {
		this.data[type] = { ...data };
	}

	async updateCredentialsOauthTokenData(
		_details: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.tokenUpdates.push(data);
		this.data[type] = { ...this.data[type], oauthTokenData: data.oauthTokenData };
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.types[type]?.properties ?? [];
	}
}
