import { HubspotAssociations } from '../../nodes/HubspotAssociations/HubspotAssociations.node';
import type { INodeParameters } from 'n8n-workflow';
import { prepareWorkflow } from './engine';
import { NODE_NAME, NODE_TYPE } from './runWorkflow';

/**
 * Evaluates an expression the way n8n does for a node description or a credential default: with
 * n8n-workflow's own evaluator, the node's parameters as `$parameter` and `self` as `$self`.
 */
export function evaluateExpression(expression: string, { parameters = {}, self }: { parameters?: INodeParameters; self?: Record<string, unknown> } = {}): unknown {
	const { workflow } = prepareWorkflow(
		{ nodes: [{ id: 'node', name: NODE_NAME, type: NODE_TYPE, typeVersion: 1, position: [0, 0], parameters }], connections: {} },
		{ nodeTypes: { [NODE_TYPE]: new HubspotAssociations() }, credentialTypes: {}, credentials: {} },
	);
	return workflow.expression.getParameterValue(expression, null, 0, 0, NODE_NAME, [], 'internal', {}, undefined, false, self);
}
