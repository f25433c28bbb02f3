import type { IExecuteFunctions, ILoadOptionsFunctions, IWebhookFunctions } from 'n8n-workflow';
import type { Clock } from './throttle';

/** n8n's signal that the execution was cancelled ("Stop execution"); dropdowns and webhooks have none. */
export function cancelSignal(context: IExecuteFunctions | ILoadOptionsFunctions | IWebhookFunctions): AbortSignal | undefined {
	return 'getExecutionCancelSignal' in context && typeof context.getExecutionCancelSignal === 'function' ? context.getExecutionCancelSignal() : undefined;
}

/** Sleeps `ms`, or less if the execution is cancelled meanwhile. */
export async function sleepUnlessCancelled(clock: Clock, ms: number, signal: AbortSignal | undefined): Promise<void> {
	if (!signal) return await clock.sleep(ms);
	let onAbort: () => void = () => {};
	const cancelled = new Promise<void>((resolve) => (onAbort = resolve));
	signal.addEventListener('abort', onAbort, { once: true });
	try {
		await Promise.race([clock.sleep(ms), cancelled]);
	} finally {
		signal.removeEventListener('abort', onAbort);
	}
}
