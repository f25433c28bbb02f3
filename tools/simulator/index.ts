import { randomBytes, randomUUID } from 'crypto';
import type { AddressInfo } from 'net';
import { Faults, type FaultControl } from './faults';
import { SeededRandom } from './random';
import { routes } from './routes';
import { createSimulatorServer, type RecordedRequest } from './server';
import { SimulatorState } from './state';
import { WebhookSender, type WebhookSettings } from './webhooks/sender';

export type { BatchStatus, Fault, FaultControl, RandomFaults, TransientStatus } from './faults';
export type { RateWindow } from './rateLimit';
export type { RecordedRequest } from './server';
export type { SimulatorStats } from './stats';
export type { AssociationSpec, SimulatorSettings } from './state';
export { SimulatorState } from './state';
export type { DeliveryRecord, Tampering, WebhookSettings } from './webhooks/sender';
export { WebhookSender } from './webhooks/sender';
export { CARS_OBJECT_TYPE_ID, OBJECT_TYPES, PORTAL_ID } from './objectTypes';

export interface SimulatorOptions {
	seed?: number;
	tokenLifetimeSeconds?: number;
	/** 0 (default) picks a free port. */
	port?: number;
}

export interface HubSpotSimulator {
	/** `http://127.0.0.1:PORT`; HubSpot paths hang directly off it. */
	baseUrl: string;
	close(): Promise<void>;
	faults: FaultControl;
	state: SimulatorState;
	requests: RecordedRequest[];
	issueToken(opts?: { expiresInSeconds?: number }): { accessToken: string; refreshToken: string };
	oauthClient: { clientId: string; clientSecret: string };
	/**
	 * Sends HubSpot's association-change events for every change made from now on (through the API
	 * or `state`) to `targetUrl`, signed with the app's client secret; `flush()` delivers them.
	 */
	subscribeWebhooks(settings: Omit<WebhookSettings, 'clientSecret'> & { clientSecret?: string }): WebhookSender;
}

const DEFAULT_SEED = 42;
const DEFAULT_TOKEN_LIFETIME_SECONDS = 1800;

/** Starts a simulated HubSpot portal on 127.0.0.1. */
export async function startSimulator(opts: SimulatorOptions = {}): Promise<HubSpotSimulator> {
	const seed = opts.seed ?? DEFAULT_SEED;
	const state = new SimulatorState(opts.tokenLifetimeSeconds ?? DEFAULT_TOKEN_LIFETIME_SECONDS);
	const faults = new Faults(seed);
	const oauthClient = { clientId: randomUUID(), clientSecret: randomBytes(16).toString('hex') };
	const requests: RecordedRequest[] = [];
	const { server, stopTimers } = createSimulatorServer({
		routes,
		context: { state, random: new SeededRandom(seed), oauthClient },
		faults,
		requests,
	});

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
	});
	const { port: boundPort } = server.address() as AddressInfo;

	return {
		baseUrl: `http://127.0.0.1:${boundPort}`,
		faults,
		state,
		requests,
		oauthClient,
		subscribeWebhooks(settings) {
			const sender = new WebhookSender({ clientSecret: oauthClient.clientSecret, ...settings });
			state.associations.onChange = (change) => sender.record(change);
			return sender;
		},
		issueToken(tokenOpts = {}) {
			const { accessToken, refreshToken } = state.tokens.issue(tokenOpts.expiresInSeconds);
			return { accessToken, refreshToken };
		},
		close() {
			stopTimers();
			return new Promise<void>((resolve, reject) => {
				server.close((error) => (error ? reject(error) : resolve()));
				server.closeAllConnections();
			});
		},
	};
}
