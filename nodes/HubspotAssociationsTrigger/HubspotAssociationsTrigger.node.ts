import { NodeConnectionTypes, NodeOperationError, type IHookFunctions, type INodeType, type INodeTypeDescription, type IWebhookFunctions, type IWebhookResponseData } from 'n8n-workflow';
import { hubspotCredentials } from '../HubspotAssociations/actions/authenticationFields';
import { getAssociationTypes, getObjectTypes } from '../HubspotAssociations/methods/loadOptions';
import { receiveDelivery } from './receiveDelivery';
import { triggerFields } from './triggerFields';
import { clientSecretOf, readParameters } from './triggerSettings';

export class HubspotAssociationsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'HubSpot Associations Trigger',
		name: 'hubspotAssociationsTrigger',
		icon: { light: 'file:../../icons/hubspotAssociations.svg', dark: 'file:../../icons/hubspotAssociations.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["fromObjectType"] + " → " + $parameter["toObjectType"] }}',
		description: 'Starts the workflow when HubSpot records are linked or unlinked: one item per change, signed deliveries only',
		defaults: { name: 'HubSpot Associations Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: hubspotCredentials,
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'associations' }],
		properties: triggerFields,
	};

	methods = { loadOptions: { getAssociationTypes, getObjectTypes } };

	// HubSpot's subscriptions live in the app (its project's webhooks component, or a legacy app's
	// settings), not behind an API this node may call: activation checks what the trigger needs.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return false;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				readParameters(this);
				if ((await clientSecretOf(this)) === '') {
					throw new NodeOperationError(this.getNode(), 'The credential has no client secret: the trigger could not tell HubSpot\'s deliveries from anyone else\'s', {
						description: "Put your HubSpot app's client secret in the credential (OAuth2: Client Secret; Service Key or App Token: App Client Secret)",
					});
				}
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveDelivery.call(this);
	}
}
