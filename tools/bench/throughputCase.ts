/**
 * One measured case of `npm run bench:throughput`, in its own process so its peak RSS is its own.
 * Reads `BENCH_CASE` (JSON) and prints one JSON line of figures. The simulator runs in the parent.
 */
import './preferTypeScript';
import '../../test/setup-env';
import { NodeConnectionTypes, type IDataObject, type INodeParameters } from 'n8n-workflow';
import { executeWorkflow } from '../../test/harness/engine';
import { batchCreateParameters, oauthCredential, runNode } from '../../test/harness/runWorkflow';
import { FLOOR_NODE_TYPE, floorNodeType, postChunks, readAssociationsOf } from './floor';
import { traceMemory } from './memoryTrace';
import { sharedRecordItems, type LatencyData } from './sharedRecords';
import { syncStateItems } from './syncStates';
import { syncParameters } from '../../test/harness/operationParameters';

export type CaseKind = 'node' | 'floor' | 'raw' | 'nodeFailing' | 'read' | 'readFloor' | 'readRaw' | 'latency' | 'sync';

export interface CaseSpec {
	kind: CaseKind;
	count: number;
	baseUrl: string;
	account: { clientId: string; clientSecret: string; accessToken: string; refreshToken: string };
	/** Options of the node (`latency` runs). */
	options?: IDataObject;
	/** Which pairs a `latency` run sends (default `distinct`: `pairItems`). */
	data?: LatencyData;
	/** Run with n8n's "On Error: Stop Workflow" instead of continuing (`sync` runs). */
	stopOnFail?: boolean;
}

const TYPES = [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 279 }];

/** `count` distinct (contact, company) pairs; from-records repeat every 100,000 items. */
export function pairItems(count: number, failingEvery = 0): IDataObject[] {
	return Array.from({ length: count }, (_, i) => ({
		contactId: String(1 + (i % 100_000)),
		companyId: failingEvery > 0 && i % failingEvery === failingEvery - 1 ? String(900_000 + i) : String(1 + ((i + Math.floor(i / 100_000) * 137) % 20_000)),
	}));
}

function readItems(count: number): IDataObject[] {
	return Array.from({ length: count }, (_, i) => ({ contactId: String(1 + (i % 100_000)) }));
}

/** Starts counting this process's CPU time (user + system); the returned function reads it in ms. */
function cpuClock(): () => number {
	const start = process.cpuUsage();
	return () => {
		const { user, system } = process.cpuUsage(start);
		return (user + system) / 1000;
	};
}

function* chunks<T>(all: T[], size: number): Generator<T[]> {
	for (let start = 0; start < all.length; start += size) yield all.slice(start, start + size);
}

async function run(spec: CaseSpec): Promise<IDataObject> {
	const { account } = spec;
	const credentials = {
		hubspotAssociationsOAuth2Api: oauthCredential({
			baseUrl: spec.baseUrl,
			clientId: account.clientId,
			clientSecret: account.clientSecret,
			oauthTokenData: { access_token: account.accessToken, refresh_token: account.refreshToken, token_type: 'bearer' },
		}),
	};
	const unpaced = { requestsPerTenSeconds: 1000 };
	const nodeRun = async (items: IDataObject[], parameters: INodeParameters) => {
		const started = performance.now();
		const cpu = cpuClock();
		const { output, error, run: execution } = await runNode({ items, parameters, credentials, onError: spec.stopOnFail ? 'stopWorkflow' : 'continueRegularOutput' });
		const cpuMs = cpu();
		const wallMs = performance.now() - started;
		if (error) throw new Error(error.message);
		const statuses: Record<string, number> = {};
		for (const item of output) {
			const status = String(item.json.status ?? (item.json.error ? 'error' : 'read'));
			statuses[status] = (statuses[status] ?? 0) + 1;
		}
		return { executeMs: execution.data.resultData.runData['HubSpot Associations'][0].executionTime, cpuMs, wallMs, outputs: output.length, statuses };
	};
	switch (spec.kind) {
		case 'node':
			return await nodeRun(pairItems(spec.count), batchCreateParameters({ options: unpaced }));
		case 'latency':
			return await nodeRun(
				spec.data && spec.data !== 'distinct' ? sharedRecordItems(spec.count, spec.data) : pairItems(spec.count),
				batchCreateParameters({ options: (spec.options ?? {}) as INodeParameters }),
			);
		case 'sync':
			return await nodeRun(syncStateItems(spec.count), syncParameters(spec.options ?? {}));
		case 'nodeFailing':
			return await nodeRun(pairItems(spec.count, 100), batchCreateParameters({ options: unpaced }));
		case 'read':
			return await nodeRun(readItems(spec.count), {
				resource: 'association',
				operation: 'batchRead',
				fromObjectType: 'contacts',
				toObjectType: 'companies',
				fromObjectId: '={{ $json.contactId }}',
				options: unpaced,
			});
		case 'floor':
		case 'readFloor': {
			const items = spec.kind === 'floor' ? pairItems(spec.count) : readItems(spec.count);
			// A read floor outputs the associations HubSpot holds: read before the run, as a plain client would.
			const associationsRead =
				spec.kind === 'readFloor'
					? await readAssociationsOf(
							`${spec.baseUrl}/crm/associations/2026-03/contacts/companies/batch/read`,
							account.accessToken,
							[...new Set(items.map((item) => item.contactId as string))],
						)
					: undefined;
			const definition = {
				nodes: [
					{ id: 's', name: 'Records', type: 'test.testRecords', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} },
					{ id: 'f', name: 'Floor', type: FLOOR_NODE_TYPE, typeVersion: 1, position: [200, 0] as [number, number], parameters: { associationTypes: TYPES as never } },
				],
				connections: { Records: { main: [[{ node: 'Floor', type: NodeConnectionTypes.Main, index: 0 }]] } },
			};
			const records = {
				description: { ...floorNodeType('x').description, displayName: 'Records', name: 'testRecords', properties: [] },
				execute: async () => [items.map((json) => ({ json }))],
			};
			const setup = {
				nodeTypes: {
					[FLOOR_NODE_TYPE]: spec.kind === 'floor' ? floorNodeType('contactId', 'companyId') : floorNodeType('contactId', undefined, associationsRead),
					'test.testRecords': records,
				},
				credentialTypes: {},
				credentials: {},
			};
			const cpu = cpuClock();
			const { run: execution } = await executeWorkflow(definition as never, setup as never, 'Records');
			const cpuMs = cpu();
			const floorRun = execution.data.resultData.runData.Floor[0];
			return { executeMs: floorRun.executionTime, cpuMs, outputs: floorRun.data?.main[0]?.length ?? 0 };
		}
		case 'raw':
		case 'readRaw': {
			const items = spec.kind === 'raw' ? pairItems(spec.count) : readItems(spec.count);
			const started = performance.now();
			const cpu = cpuClock();
			let statuses: number[];
			if (spec.kind === 'raw') {
				const unique = new Map<string, IDataObject>();
				for (const { contactId, companyId } of items) {
					unique.set(`${contactId as string}>${companyId as string}`, { from: { id: contactId }, to: { id: companyId }, types: TYPES });
				}
				const bodies = (function* () {
					for (const inputs of chunks([...unique.values()], 2000)) yield { inputs };
				})();
				statuses = await postChunks(`${spec.baseUrl}/crm/associations/2026-03/contacts/companies/batch/create`, account.accessToken, bodies);
			} else {
				const ids = [...new Set(items.map((item) => item.contactId as string))];
				const bodies = (function* () {
					for (const part of chunks(ids, 1000)) yield { inputs: part.map((id) => ({ id })) };
				})();
				statuses = await postChunks(`${spec.baseUrl}/crm/associations/2026-03/contacts/companies/batch/read`, account.accessToken, bodies);
			}
			return { executeMs: performance.now() - started, cpuMs: cpu(), requests: statuses.length, failedRequests: statuses.filter((status) => status >= 300).length };
		}
	}
}

if (require.main === module) {
	const spec = JSON.parse(process.env.BENCH_CASE ?? '{}') as CaseSpec;
	if (process.env.BENCH_MEMORY_TRACE) traceMemory(`${spec.kind} ${spec.count}`);
	run(spec)
		.then((figures) => {
			figures.peakRssMiB = Math.round(process.resourceUsage().maxRSS / 1024);
			process.stdout.write(`${JSON.stringify(figures)}\n`);
		})
		.catch((error: Error) => {
			console.error(error.stack ?? error.message);
			process.exitCode = 1;
		});
}
