/** `n8n start` with published workflows (tools/e2e/start-n8n.mjs), for e2e files that call n8n over HTTP. */
export interface N8nServer {
	url: string;
	log(): string;
	stop(): Promise<void>;
}

// start-n8n.mjs is plain ESM without types: a non-literal specifier keeps tsc from resolving it.
const starterModule = '../../tools/e2e/start-n8n.mjs';
export const loadStarter = async () => (await import(starterModule)) as { startN8nServer(options: Record<string, unknown>): Promise<N8nServer> };
