import type { StoreChange } from '../associationStore';
import { eventsForChange, type EventFormat } from './events';
import { signV1, signV3 } from './signing';

/** How a delivery is spoiled on purpose, to see it refused. */
export type Tampering = 'badSignature' | 'staleTimestamp' | 'noSignature';

export interface WebhookSettings {
	/** Where deliveries are posted. */
	targetUrl: string;
	/** The URL HubSpot believes it calls and signs (a proxy's public address); the target URL by default. */
	signedUrl?: string;
	clientSecret: string;
	formats?: readonly EventFormat[];
	/** Signatures sent: v3 (OAuth apps) and/or v1 (older private apps). */
	signatures?: ReadonlyArray<'v3' | 'v1'>;
	/** HubSpot: at most 100 events a delivery, 10 deliveries at once, 10 retries, 5 s to answer. */
	batchSize?: number;
	maxConcurrent?: number;
	maxRetries?: number;
	timeoutMs?: number;
	/** Wait before a retry (HubSpot's are random, up to 24 h; specs keep them short). */
	retryDelayMs?: (attemptNumber: number) => number;
	appId?: number;
	changeSource?: string;
}

export interface DeliveryRecord {
	events: number;
	/** The events sent (for a redelivery). */
	batch: Record<string, unknown>[];
	attemptNumber: number;
	status: number | 'timeout' | 'error';
	ms: number;
	tampering?: Tampering;
}

/** Sends association-change events to a webhook URL the way HubSpot does: signed, batched, concurrent, retried. */
export class WebhookSender {
	readonly deliveries: DeliveryRecord[] = [];
	private queued: Record<string, unknown>[] = [];
	private nextEventId = 1;
	private inFlight = 0;
	private readonly waiting: Array<() => void> = [];
	private readonly sending = new Set<Promise<void>>();
	/** The most deliveries seen in flight at once. */
	peakConcurrent = 0;
	/** Spoils the next deliveries, one each. */
	readonly tamperings: Tampering[] = [];

	constructor(private readonly settings: WebhookSettings) {}

	/** Queues HubSpot's events for one change of the store (the simulator calls this for every change). */
	record(change: StoreChange, occurredAt = Date.now()): void {
		this.queue(eventsForChange(change, {
			formats: this.settings.formats ?? ['generic'],
			appId: this.settings.appId ?? 4242,
			occurredAt,
			changeSource: this.settings.changeSource ?? 'INTEGRATION',
			nextEventId: () => this.nextEventId++,
		}));
	}

	queue(events: Record<string, unknown>[]): void {
		this.queued.push(...events);
	}

	/** Sends what is queued in deliveries of at most `batchSize` events, and waits for every answer and retry. */
	async flush(): Promise<DeliveryRecord[]> {
		const batchSize = this.settings.batchSize ?? 100;
		const from = this.deliveries.length;
		while (this.queued.length > 0) this.send(this.queued.splice(0, batchSize), 0);
		while (this.sending.size > 0) await Promise.all([...this.sending]);
		return this.deliveries.slice(from);
	}

	/** Sends one batch again as HubSpot may: the same events, a later attempt. */
	redeliver(events: Record<string, unknown>[], attemptNumber: number): void {
		this.send(events, attemptNumber);
	}

	private send(events: Record<string, unknown>[], attemptNumber: number): void {
		const promise = this.deliver(events, attemptNumber).finally(() => this.sending.delete(promise));
		this.sending.add(promise);
	}

	private async deliver(events: Record<string, unknown>[], attemptNumber: number): Promise<void> {
		await this.slot();
		const tampering = this.tamperings.shift();
		const body = JSON.stringify(events.map((event) => ({ ...event, attemptNumber })));
		const started = Date.now();
		let status: DeliveryRecord['status'];
		try {
			const response = await fetch(this.settings.targetUrl, {
				method: 'POST',
				headers: this.headers(body, tampering),
				body,
				signal: AbortSignal.timeout(this.settings.timeoutMs ?? 5_000),
			});
			await response.arrayBuffer();
			status = response.status;
		} catch (error) {
			status = (error as Error).name === 'TimeoutError' ? 'timeout' : 'error';
		} finally {
			this.release();
		}
		this.deliveries.push({ events: events.length, batch: events, attemptNumber, status, ms: Date.now() - started, ...(tampering ? { tampering } : {}) });
		const failed = typeof status !== 'number' || status >= 400;
		if (failed && !tampering && attemptNumber < (this.settings.maxRetries ?? 10)) {
			await new Promise((resolve) => setTimeout(resolve, this.settings.retryDelayMs?.(attemptNumber + 1) ?? 0));
			this.send(events, attemptNumber + 1);
		}
	}

	private headers(body: string, tampering: Tampering | undefined): Record<string, string> {
		const timestamp = tampering === 'staleTimestamp' ? Date.now() - 10 * 60_000 : Date.now();
		const secret = tampering === 'badSignature' ? `${this.settings.clientSecret}-wrong` : this.settings.clientSecret;
		const signatures = tampering === 'noSignature' ? [] : (this.settings.signatures ?? ['v3']);
		const headers: Record<string, string> = { 'Content-Type': 'application/json' };
		if (signatures.includes('v3')) {
			headers['X-HubSpot-Signature-v3'] = signV3(secret, 'POST', this.settings.signedUrl ?? this.settings.targetUrl, body, timestamp);
			headers['X-HubSpot-Request-Timestamp'] = String(timestamp);
		}
		if (signatures.includes('v1')) {
			headers['X-HubSpot-Signature'] = signV1(secret, body);
			headers['X-HubSpot-Signature-Version'] = 'v1';
		}
		return headers;
	}

	private async slot(): Promise<void> {
		while (this.inFlight >= (this.settings.maxConcurrent ?? 10)) await new Promise<void>((resolve) => this.waiting.push(resolve));
		this.inFlight++;
		this.peakConcurrent = Math.max(this.peakConcurrent, this.inFlight);
	}

	private release(): void {
		this.inFlight--;
		this.waiting.shift()?.();
	}
}
