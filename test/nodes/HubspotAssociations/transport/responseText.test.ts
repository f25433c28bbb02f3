import { PassThrough } from 'node:stream';
import { readText } from '../../../../nodes/HubspotAssociations/transport/responseText';

/** 'ä' is two bytes in UTF-8: cut between them, each chunk alone is not valid text. */
const split = (text: string, at: number): Buffer[] => {
	const bytes = Buffer.from(text);
	return [bytes.subarray(0, at), bytes.subarray(at)];
};

describe('readText', () => {
	it('joins chunks into the text, a character cut between two chunks included', async () => {
		const text = '{"labels":["Entscheidungsträger"]}';
		const stream = new PassThrough();
		const into: { text?: string } = {};
		const reading = readText(stream, into);
		const cut = Buffer.from(text).indexOf(0xa4); // the second byte of 'ä'
		for (const chunk of split(text, cut)) stream.write(chunk);
		stream.end();

		await expect(reading).resolves.toBeUndefined();
		expect(into.text).toBe(text);
	});

	it('reads an empty body as empty text', async () => {
		const stream = new PassThrough();
		const into: { text?: string } = {};
		const reading = readText(stream, into);
		stream.end();

		await reading;
		expect(into.text).toBe('');
	});

	it('fails like a reset connection when the body closes before its end', async () => {
		const stream = new PassThrough();
		const reading = readText(stream, {});
		stream.write('{"results":[');
		stream.destroy();

		await expect(reading).rejects.toMatchObject({ code: 'ECONNRESET', message: expect.stringMatching(/closed before the whole answer/) });
	});

	it('passes on an error of the stream', async () => {
		const stream = new PassThrough();
		const reading = readText(stream, {});
		stream.destroy(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));

		await expect(reading).rejects.toThrow('socket hang up');
	});

	it('leaves the text unset for a body already read, instead of waiting for an end that has passed', async () => {
		const stream = new PassThrough();
		stream.resume();
		stream.end('{}');
		await new Promise((resolve) => stream.on('end', resolve));
		const into: { text?: string } = {};

		await readText(stream, into);
		expect(into.text).toBeUndefined();
	});
});
