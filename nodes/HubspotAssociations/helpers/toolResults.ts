import type { IDataObject } from 'n8n-workflow';
import { missingScopes } from './hubspotErrors';
import type { HubSpotErrorInfo } from './interfaces';

/**
 * Fields a workflow maps from but a model does not need: type ids it did not ask for, the
 * category/typeId pairs it cannot read, HubSpot's raw error. Other fields pass through, so an
 * operation's own result (counts, label names) reaches the model.
 */
const LEFT_OUT = new Set(['fromObjectTypeId', 'toObjectTypeId', 'types', 'typesBefore', 'keptPrimaryTypes', 'hubspot']);

/**
 * What an AI agent gets back when the node runs as its tool: one small object per pair, saying
 * what happened or why it failed and what to do next. Models pay for every token they read and
 * act better on a short answer than on the full output a workflow builder maps from.
 */
export function toolResult(json: IDataObject): IDataObject {
	if (json.error !== undefined) return toolFailure(json);
	const compact: IDataObject = {};
	for (const [key, value] of Object.entries(json)) {
		if (LEFT_OUT.has(key)) continue;
		if (key === 'labels' && Array.isArray(value)) {
			const labels = value.filter((label) => typeof label === 'string' && label !== '');
			if (labels.length > 0) compact.labels = labels;
		} else if (key === 'associations' && Array.isArray(value)) {
			compact.associations = (value as IDataObject[]).map(associatedRecord);
		} else {
			compact[key] = value;
		}
	}
	return compact;
}

/** A failure as the tool answers it: the reason in words and, when one helps, what to do next. */
export function toolFailure(failure: { error?: unknown; message?: unknown; hubspot?: unknown; fromObjectId?: unknown; toObjectId?: unknown }): IDataObject {
	const reason = String(failure.error ?? failure.message ?? 'Unknown error').replace(/^Item \d+: /, '');
	const advice = adviceFor(reason, failure.hubspot as HubSpotErrorInfo | undefined);
	return {
		status: 'failed',
		error: advice ? `${reason}. ${advice}` : reason,
		...(failure.fromObjectId !== undefined && failure.fromObjectId !== '' ? { fromObjectId: failure.fromObjectId as string } : {}),
		...(failure.toObjectId !== undefined && failure.toObjectId !== '' ? { toObjectId: failure.toObjectId as string } : {}),
	};
}

/** One record Batch Get found: its id and its label names (none for HubSpot's unlabeled type). */
function associatedRecord(record: IDataObject): IDataObject {
	const types = Array.isArray(record.associationTypes) ? (record.associationTypes as IDataObject[]) : [];
	const labels = types.flatMap((type) => (typeof type.label === 'string' && type.label !== '' ? [type.label] : []));
	return { toObjectId: record.toObjectId, ...(labels.length > 0 ? { labels } : {}) };
}

/** Advice a model can follow, by what HubSpot said; none when the reason already says it all. */
function adviceFor(reason: string, hubspot: HubSpotErrorInfo | undefined): string | undefined {
	const status = Number(hubspot?.status) || Number(/\((\d{3})\)/.exec(reason)?.[1]) || undefined;
	if (hubspot?.context?.INVALID_OBJECT_IDS || /object ids are invalid/i.test(hubspot?.message ?? reason)) {
		return 'No HubSpot record has that ID: look the record up first and call again with its HubSpot record ID';
	}
	if (status === 403 || missingScopes(hubspot).length > 0) {
		return 'Retrying will not help: tell the user the HubSpot connection in n8n needs these permissions';
	}
	if (status === 401) return 'Retrying will not help: tell the user to reconnect the HubSpot credential in n8n';
	if (status === 429) {
		return hubspot?.policyName === 'DAILY'
			? "Retrying today will not help: the account's daily HubSpot API limit is used up"
			: 'HubSpot is rate limiting this account: wait a minute, then call again';
	}
	if (/must be reconnected/.test(reason)) return 'Retrying will not help: tell the user to reconnect the HubSpot credential in n8n';
	if (/Base URL .* is not HubSpot's API/.test(reason)) return "Retrying will not help: tell the user to set the HubSpot credential's Base URL back to https://api.hubapi.com";
	if (/could not be reached/.test(reason)) return 'Try again in a minute';
	return undefined;
}
