import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'http';
import { authenticate } from './auth';
import { lockedAnswer, MALFORMED_BODY, rateLimitedAnswer, statusFaultAnswer, transientAnswer, withBatchStatus, withOddShape } from './faultAnswers';
import { faultName, type Faults } from './faults';
import { badRequest, errorBody, HubSpotRequestError } from './hubspotErrors';
import { LOCKED_RECORD, recordsWritten } from './recordLocks';
import { findRoute, type Route, type RouteContext, type SimRequest, type SimResponse } from './routing';

export interface RecordedRequest {
	method: string;
	/** Path without the query string. */
	path: string;
	query: string;
	/** Parsed request body; OAuth secrets are replaced by `[redacted]`. */
	body: unknown;
	/** HTTP status answered; 0 when the connection was reset on purpose. */
	status: number;
	/** Parsed answer body (tokens redacted), the raw text when it was not JSON, undefined when empty. */
	responseBody: unknown;
	/** Name of the fault injected into this request, if any (see `faultName`). */
	fault?: string;
	/** Route kind, as in `stats().byKind`. */
	kind: string;
	/** Epoch milliseconds when the request arrived. */
	at: number;
}

export interface ServerParts {
	routes: readonly Route[];
	context: RouteContext;
	faults: Faults;
	requests: RecordedRequest[];
}

const SECRET_FIELDS = ['client_secret', 'code', 'refresh_token', 'access_token'];

/**
 * The HTTP front: every /crm* request passes bearer auth, the rate limits and the fault queue
 * (in that order) before its route runs, so a refused or faulted request never changes state.
 */
export function createSimulatorServer(parts: ServerParts): { server: Server; stopTimers(): void } {
	const timers = new Set<NodeJS.Timeout>();
	const delay = (ms: number) =>
		new Promise<void>((resolve) => {
			const timer = setTimeout(() => {
				timers.delete(timer);
				resolve();
			}, ms);
			timers.add(timer);
		});

	const server = createServer((req, res) => {
		handle(parts, req, res, delay).catch((error) => {
			if (!res.headersSent) send(res, { status: 500, body: errorBody('INTERNAL_ERROR', String(error?.message ?? error)) });
		});
	});
	return {
		server,
		stopTimers() {
			for (const timer of timers) clearTimeout(timer);
			timers.clear();
		},
	};
}

async function handle(parts: ServerParts, req: IncomingMessage, res: ServerResponse, delay: (ms: number) => Promise<void>): Promise<void> {
	const at = Date.now();
	const rawBody = await readBody(req);
	const url = new URL(req.url ?? '/', 'http://simulator');
	const method = req.method ?? 'GET';
	const found = findRoute(parts.routes, method, url.pathname);
	const kind = found?.route.kind ?? 'unknown';
	const parsed = parseBody(rawBody, req.headers['content-type']);
	const request: SimRequest = {
		method,
		path: url.pathname,
		query: url.searchParams,
		headers: req.headers,
		body: parsed.ok ? parsed.value : undefined,
		bodyLength: rawBody.length,
	};
	const record = (status: number, response: SimResponse | undefined, fault?: string) => {
		parts.requests.push({
			method,
			path: url.pathname,
			query: url.search,
			body: redact(parsed.ok ? parsed.value : rawBody),
			status,
			responseBody: redact(response?.body),
			...(fault ? { fault } : {}),
			kind,
			at,
		});
		parts.faults.counts.answered(kind, status === 0 ? 'no-answer' : status);
	};

	const run = (): SimResponse => {
		if (!found) return { status: 404, body: errorBody('OBJECT_NOT_FOUND', `No route for ${method} ${url.pathname}`) };
		try {
			if (!parsed.ok) throw badRequest(`Invalid input JSON on line 1: ${parsed.problem}`);
			return found.route.handle(request, found.params, parts.context);
		} catch (error) {
			if (error instanceof HubSpotRequestError) return { status: error.httpStatus, body: error.body };
			throw error;
		}
	};

	if (!url.pathname.startsWith('/crm')) {
		const response = run();
		record(response.status, response);
		send(res, response);
		return;
	}

	const unauthenticated = authenticate(header(req, 'authorization'), parts.context.state.tokens);
	if (unauthenticated) {
		const response = withHeaders(unauthenticated, parts.faults.limiter.currentHeaders(at));
		record(response.status, response);
		send(res, response);
		return;
	}

	const decision = found?.route.rateLimit === 'search' ? parts.faults.limiter.admitSearch(at) : parts.faults.limiter.admit(at);
	if (!decision.admitted) {
		parts.faults.counts.injected(decision.policy);
		const response = withHeaders(rateLimitedAnswer(decision.policy), decision.headers);
		record(response.status, response);
		send(res, response);
		return;
	}

	const fault = parts.faults.take();
	// A write that will run holds its records from arrival to answer; one that finds a record held is refused whole.
	const runs = !fault || ('kind' in fault && (fault.kind === 'slow' || fault.kind === 'applied-then-500' || fault.kind === 'batch-status' || fault.kind === 'odd-shape'));
	const release = runs && parts.faults.locks.enabled ? parts.faults.locks.tryHold(recordsWritten(kind, url.pathname, request.body)) : () => {};
	if (!release) {
		parts.faults.counts.injected(LOCKED_RECORD);
		const response = withHeaders(lockedAnswer(), decision.headers);
		record(response.status, response, LOCKED_RECORD);
		send(res, response);
		return;
	}
	let response: SimResponse;
	try {
		if (!fault) response = run();
		else if (!('kind' in fault)) response = statusFaultAnswer(fault);
		else if (fault.kind === 'reset') {
			record(0, undefined, faultName(fault));
			req.socket.destroy();
			return;
		} else if (fault.kind === 'slow') {
			await delay(fault.ms);
			response = run();
		} else if (fault.kind === 'malformed') response = { status: 200, body: MALFORMED_BODY };
		else if (fault.kind === 'batch-status') {
			const restore = fault.stored ? undefined : parts.context.state.associations.snapshot();
			response = withBatchStatus(run(), fault.status, fault.keptResults);
			restore?.();
		} else if (fault.kind === 'odd-shape') {
			const restore = fault.stored === false ? parts.context.state.associations.snapshot() : undefined;
			response = withOddShape(run(), fault.shape);
			restore?.();
		} else {
			run();
			response = transientAnswer(fault.status ?? 500);
		}
	} finally {
		release();
	}
	response = withHeaders(response, decision.headers);
	record(response.status, response, fault && faultName(fault));
	if (!res.destroyed) send(res, response);
}

function header(req: IncomingMessage, name: string): string | undefined {
	const value = req.headers[name];
	return Array.isArray(value) ? value[0] : value;
}

function withHeaders(response: SimResponse, headers: Record<string, string>): SimResponse {
	return { ...response, headers: { ...headers, ...response.headers } };
}

function readBody(req: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

function isForm(contentType: string | undefined): boolean {
	return (contentType ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded');
}

/** JSON, or a form's fields; an unparsable body is answered 400 only once auth and limits passed. */
function parseBody(raw: string, contentType: string | undefined): { ok: true; value: unknown } | { ok: false; problem: string } {
	if (raw === '') return { ok: true, value: undefined };
	if (isForm(contentType)) return { ok: true, value: Object.fromEntries(new URLSearchParams(raw)) };
	try {
		return { ok: true, value: JSON.parse(raw) };
	} catch (error) {
		return { ok: false, problem: (error as Error).message };
	}
}

/** Secrets and tokens never leave the simulator in its records. */
function redact(value: unknown): unknown {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
	const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
	for (const key of SECRET_FIELDS) if (key in copy) copy[key] = '[redacted]';
	return copy;
}

function send(res: ServerResponse, response: SimResponse): void {
	const headers: Record<string, string> = { ...response.headers };
	let payload = '';
	if (typeof response.body === 'string') payload = response.body;
	else if (response.body !== undefined) payload = JSON.stringify(response.body);
	if (payload !== '' && !Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) {
		headers['Content-Type'] = 'application/json;charset=utf-8';
	}
	res.writeHead(response.status, headers);
	res.end(payload);
}
