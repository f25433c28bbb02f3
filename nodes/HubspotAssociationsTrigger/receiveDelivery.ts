import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { acceptDelivery } from './helpers/acceptDelivery';
import { changeItems, deliveryChanges, labelsNeeded, watchedEvents } from './helpers/deliveryChanges';
import { admitNew, emittedLog, rememberAlso, type EmittedLog } from './helpers/emittedChanges';
import type { RecentSignatures } from './helpers/signature';
import { pairLabels } from './pairTypes';
import { clientSecretOf, credentialTypeOf, optionsOf, triggerSettings } from './triggerSettings';

// Static data is saved only when an execution ends: deliveries arriving meanwhile check this
// process's own log too, so the same change arriving twice at once starts one execution.
const processLogs = new Map<string, EmittedLog>();
const recentSignatures: RecentSignatures = new Map();

function processLog(context: IWebhookFunctions): EmittedLog {
	const key = `${context.getWorkflow().id ?? ''} ${context.getNode().id} ${context.getMode()}`;
	let log = processLogs.get(key);
	if (!log) processLogs.set(key, (log = {}));
	return log;
}

// The client secret each credential last gave, and when it was read. A delivery is checked with it
// first, so it does not wait on n8n's credential store (queued behind its database writes when
// deliveries come ten at a time); a delivery it does not verify reads the credential again (a rotated
// secret), and a secret older than a minute is read again in any case.
// Reads may end in another order than they started (the store answers them as it can): a secret is
// kept only from a read that started after the one that gave the kept secret, so an earlier read
// cannot bring back a secret a later one replaced.
const knownSecrets = new Map<string, { secret: string; readAt: number; read: number }>();
const SECRET_KEPT_MS = 60_000;
let readsStarted = 0;

/** Forgets what this process emitted, the signatures it accepted and the secrets it knows (specs start from nothing; a restart does the same). */
export function forgetProcessLogs(): void {
	processLogs.clear();
	recentSignatures.clear();
	knownSecrets.clear();
}

/** How many client secrets this process keeps (specs check none is kept past its minute). */
export function keptSecretCount(): number {
	return knownSecrets.size;
}

/** The delivery checked with the credential's client secret: the one read within the last minute, else read now. */
async function acceptSigned(context: IWebhookFunctions, delivery: Parameters<typeof acceptDelivery>[0], settings: Parameters<typeof acceptDelivery>[2]) {
	const type = credentialTypeOf(context);
	const key = `${type} ${context.getNode().credentials?.[type]?.id ?? ''}`;
	// A secret past its minute is dropped, whoever's it is: one of a deleted credential is not kept on.
	for (const [kept, { readAt }] of knownSecrets) if (!(settings.now >= readAt && settings.now - readAt < SECRET_KEPT_MS)) knownSecrets.delete(kept);
	const known = knownSecrets.get(key);
	let refused: ReturnType<typeof acceptDelivery> | undefined;
	if (known) {
		const accepted = acceptDelivery(delivery, known.secret, settings);
		if (accepted.ok || accepted.status !== 401) return accepted;
		refused = accepted;
	}
	const read = ++readsStarted;
	const secret = await clientSecretOf(context);
	const kept = knownSecrets.get(key);
	if (!kept || kept.read < read) knownSecrets.set(key, { secret, readAt: settings.now, read });
	// The same secret would only refuse the delivery again.
	if (refused && secret === known?.secret) return refused;
	return acceptDelivery(delivery, secret, settings);
}

/** The URL HubSpot signed: n8n's production URL of this trigger (its WEBHOOK_URL form), with the query it was called with. */
function signedUrl(context: IWebhookFunctions, originalUrl: string | undefined): string {
	const query = originalUrl?.includes('?') ? originalUrl.slice(originalUrl.indexOf('?')) : '';
	return `${context.getNodeWebhookUrl('default') ?? ''}${query}`;
}

/** Answers without starting an execution; one log line, which never holds the secret or the body. */
function answer(context: IWebhookFunctions, status: number, body: Record<string, unknown>, logLine?: string): IWebhookResponseData {
	if (logLine) context.logger.warn(`HubSpot Associations Trigger "${context.getNode().name}": ${logLine}`);
	context.getResponseObject().status(status).json(body);
	return { noWebhookResponse: true };
}

export async function receiveDelivery(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const request = this.getRequestObject();
	const rawBody = (request as { rawBody?: unknown }).rawBody;
	const delivery = {
		method: request.method,
		url: signedUrl(this, request.originalUrl),
		rawBody: Buffer.isBuffer(rawBody) ? rawBody : Buffer.alloc(0),
		headers: request.headers,
	};
	const accepted = await acceptSigned(this, delivery, { now: Date.now(), legacySignatures: optionsOf(this).legacySignatures === true, recent: recentSignatures });
	if (!accepted.ok) {
		const message = accepted.status === 401 ? 'Invalid or missing HubSpot signature' : `Not a HubSpot delivery: ${accepted.reason}`;
		return answer(this, accepted.status, { message }, `refused a delivery (${accepted.status}): ${accepted.reason}`);
	}
	const settings = await triggerSettings(this, Date.now());
	const events = watchedEvents(accepted.events, settings);
	const labels = await pairLabels(this, settings.paths, labelsNeeded(events, settings), Date.now());
	const changes = deliveryChanges(events, labels, settings);
	let fresh = changes;
	if (settings.onePerChange) {
		const [saved, own] = [emittedLog(this.getWorkflowStaticData('node')), processLog(this)];
		fresh = admitNew(changes, [saved, own], Date.now());
		if (fresh.length > 0) rememberAlso(saved, own, Date.now());
	}
	const received = { received: accepted.events.length + accepted.ignored, emitted: fresh.length };
	if (fresh.length === 0) return answer(this, 200, received);
	// Answered here: n8n 2.x answers "onReceived" only once it has stored the execution, which under
	// load outlasts HubSpot's 5 s; the changes are already remembered, as they would be by then.
	return { ...answer(this, 200, received), workflowData: [changeItems(fresh, settings).map((json) => ({ json }))] };
}
