import { BatchDispatch, dispatchBatches, idsInSeveralBatches, recordsOfBatch } from '../../../../nodes/HubspotAssociations/actions/batchDispatch';
import { ConcurrencyLimit } from '../../../../nodes/HubspotAssociations/transport/concurrency';
import { FakeClock } from '../../../harness/fakeClock';
import type { WaitingBatch } from '../../../../nodes/HubspotAssociations/helpers/interfaces';

function batch(pairs: Array<[string, string]>, fromPathType = 'contacts', toPathType = 'companies'): WaitingBatch {
	return {
		fromPathType,
		toPathType,
		fromObjectIds: pairs.map(([fromObjectId]) => fromObjectId),
		toObjectIds: pairs.map(([, toObjectId]) => toObjectId),
		types: pairs.map(() => []),
		items: pairs.map((_, i) => i),
	};
}

/** Resolves to whether `promise` settled within a few turns of the event loop. */
async function settlesSoon(promise: Promise<unknown>): Promise<boolean> {
	let settled = false;
	void promise.then(() => (settled = true));
	for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
	return settled;
}

describe('BatchDispatch: which batch a worker sends next', () => {
	it('hands out batches that share no record in order, each once, then none', async () => {
		const dispatch = new BatchDispatch([batch([['1', '10']]), batch([['2', '20']]), batch([['3', '30']])], 4);

		const taken = [await dispatch.take(), await dispatch.take(), await dispatch.take()];

		expect(taken.map((t) => t?.index)).toEqual([0, 1, 2]);
		expect(await dispatch.take()).toBeUndefined();
	});

	it('holds back a batch naming a company a batch in flight names, sends a later one first, and the held one once the first settles', async () => {
		const dispatch = new BatchDispatch([batch([['1', '10']]), batch([['2', '10']]), batch([['3', '30']])], 4);
		const first = (await dispatch.take())!;

		expect((await dispatch.take())?.index).toBe(2);
		const third = dispatch.take();
		expect(await settlesSoon(third)).toBe(false);
		first.settled();
		expect((await third)?.index).toBe(1);
	});

	it('holds back a batch naming a contact in flight, whatever the path calls its type', async () => {
		const dispatch = new BatchDispatch([batch([['1', '10']], 'contacts', 'companies'), batch([['1', '5']], '0-1', 'deals')], 4);
		const first = (await dispatch.take())!;

		const second = dispatch.take();
		expect(await settlesSoon(second)).toBe(false);
		first.settled();
		expect((await second)?.index).toBe(1);
	});

	it('looks no further than its lookahead for a batch to send first', async () => {
		const dispatch = new BatchDispatch([batch([['1', '10']]), batch([['2', '10']]), batch([['3', '30']])], 4, 1);
		const first = (await dispatch.take())!;

		const second = dispatch.take();
		expect(await settlesSoon(second)).toBe(false);
		first.settled();
		expect((await second)?.index).toBe(1);
	});

	it('tracks nothing for a single worker: batches go in order', async () => {
		const dispatch = new BatchDispatch([batch([['1', '10']]), batch([['2', '10']])], 1);

		expect([(await dispatch.take())?.index, (await dispatch.take())?.index, await dispatch.take()]).toEqual([0, 1, undefined]);
	});

	it('names records by object type, and no to-record for reads, whose inputs have none', () => {
		expect(recordsOfBatch(batch([['1', ''], ['2', '']]))).toEqual(new Map([['0-1', ['1', '2']], ['0-2', []]]));
		expect(recordsOfBatch(batch([['1', '10']], 'p_cars', '0-2'))).toEqual(new Map([['p_cars', ['1']], ['0-2', ['10']]]));
		expect(recordsOfBatch(batch([['1', '2']], 'contacts', '0-1'))).toEqual(new Map([['0-1', ['1', '2']]]));
	});

	it('tracks only the records more than one batch names: the others cannot keep two batches apart', () => {
		const several = idsInSeveralBatches([batch([['1', '10'], ['2', '10']]), batch([['3', '10'], ['4', '40']]), batch([['4', '50']])]);
		expect(several).toEqual(new Map([['0-2', new Set(['10'])], ['0-1', new Set(['4'])]]));
	});
});

describe('dispatchBatches: sending batches under the run\'s limit', () => {
	const window = () => ({ perMs: 0.01, intervalMs: 10_000 });

	/** Sends each batch in `ms` of virtual time; records when each started and the most in flight. */
	async function run(batches: ReturnType<typeof batch>[], limit: number, stopAfter?: number) {
		const clock = new FakeClock();
		const slots = new ConcurrencyLimit(limit, window, clock);
		const started: Array<[number, number]> = [];
		let inFlight = 0;
		let most = 0;
		const done = dispatchBatches(
			batches,
			slots,
			async (index) => {
				started.push([index, clock.now()]);
				most = Math.max(most, ++inFlight);
				await clock.sleep(100);
				inFlight--;
			},
			() => stopAfter !== undefined && started.length >= stopAfter,
		);
		await clock.run();
		await done;
		return { started, most };
	}

	it('keeps as many batches in flight as the limit allows, in order', async () => {
		const { started, most } = await run([batch([['1', '10']]), batch([['2', '20']]), batch([['3', '30']]), batch([['4', '40']])], 2);

		expect(most).toBe(2);
		expect(started).toEqual([[0, 0], [1, 0], [2, 100], [3, 100]]);
	});

	it('never has two batches naming one record in flight: a later one that names none goes first', async () => {
		const { started } = await run([batch([['1', '10']]), batch([['2', '10']]), batch([['3', '30']])], 2);

		expect(started).toEqual([[0, 0], [2, 0], [1, 100]]);
	});

	it('starts no batch once stopped', async () => {
		const { started } = await run([batch([['1', '10']]), batch([['2', '20']]), batch([['3', '30']])], 1, 1);

		expect(started.map(([index]) => index)).toEqual([0]);
	});

	it('when a send throws, starts no other batch and throws only once the batches in flight are done', async () => {
		const clock = new FakeClock();
		const slots = new ConcurrencyLimit(2, window, clock);
		const started: number[] = [];
		const finished: number[] = [];
		const done = dispatchBatches([batch([['1', '10']]), batch([['2', '20']]), batch([['3', '30']]), batch([['4', '40']])], slots, async (index) => {
			started.push(index);
			await clock.sleep(index === 0 ? 50 : 100);
			if (index === 0) throw new Error('odd answer');
			finished.push(index);
		});
		let thrownAt: number | undefined;
		const settled = done.catch((error: Error) => {
			thrownAt = clock.now();
			return error.message;
		});
		await clock.run();

		expect(await settled).toBe('odd answer');
		expect(started).toEqual([0, 1]);
		expect(finished).toEqual([1]);
		expect(thrownAt).toBe(100);
	});
});
