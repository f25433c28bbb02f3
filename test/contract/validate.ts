import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';

interface ContractFile {
	paths: Record<string, Record<string, ContractOperation>>;
	components: { schemas: Record<string, object> };
}
interface ContractOperation {
	requestBody?: { content: { 'application/json': { schema: { $ref: string } } } };
	responses: Record<string, { content?: { 'application/json': { schema: { $ref: string } } } }>;
}

const contractDir = join(__dirname, 'hubspot');
const files = readdirSync(contractDir).filter((name) => name.endsWith('.json'));

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);

const contracts = new Map<string, ContractFile>();
for (const name of files) {
	const contract = JSON.parse(readFileSync(join(contractDir, name), 'utf8')) as ContractFile;
	contracts.set(name, contract);
	ajv.addSchema(contract, name);
}

function refOf(file: string, ref: string): string {
	return `${file}${ref}`;
}

function compile(file: string, ref: string): ValidateFunction {
	const id = refOf(file, ref);
	const existing = ajv.getSchema(id);
	if (!existing) throw new Error(`contract has no schema ${id}`);
	return existing;
}

function assertValid(validate: ValidateFunction, data: unknown, what: string): void {
	if (!validate(data)) {
		throw new Error(`${what} does not match HubSpot's contract: ${ajv.errorsText(validate.errors)}`);
	}
}

/** Validates `data` against a named component, e.g. `BatchInputPublicAssociationMultiPost`. */
export function assertMatchesComponent(component: string, data: unknown, file = 'associations-2026-03.json'): void {
	assertValid(compile(file, `#/components/schemas/${component}`), data, component);
}

/** Turns `/crm/associations/2026-03/contacts/companies/batch/create` into its contract entry. */
function findOperation(method: string, path: string): { file: string; template: string; op: ContractOperation } {
	const bare = path.split('?')[0];
	for (const [file, contract] of contracts) {
		for (const [template, methods] of Object.entries(contract.paths)) {
			const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
			const op = methods[method.toLowerCase()];
			if (op && pattern.test(bare)) return { file, template, op };
		}
	}
	throw new Error(`no contract entry for ${method} ${bare}`);
}

/** Checks a request body the node sent for `method path`. */
export function assertValidRequest(method: string, path: string, body: unknown): void {
	const { file, template, op } = findOperation(method, path);
	const ref = op.requestBody?.content['application/json'].schema.$ref;
	if (!ref) throw new Error(`contract for ${method} ${template} takes no body`);
	assertValid(compile(file, ref), body, `request ${method} ${template}`);
}

/** Checks a reply (status + body) that a mock or the simulator gives for `method path`. */
export function assertValidResponse(method: string, path: string, status: number, body: unknown): void {
	const { file, template, op } = findOperation(method, path);
	const response = op.responses[String(status)] ?? op.responses.default;
	if (!response) throw new Error(`contract for ${method} ${template} has no ${status} answer`);
	const ref = response.content?.['application/json'].schema.$ref;
	if (!ref) {
		if (body !== undefined && body !== '') throw new Error(`${method} ${template} ${status} takes no body`);
		return;
	}
	assertValid(compile(file, ref), body, `response ${status} to ${method} ${template}`);
}
