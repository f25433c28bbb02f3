import { startSimulator, type HubSpotSimulator } from '../../tools/simulator';
import { assertValidRequest, assertValidResponse } from '../contract/validate';
import { simulatorCredentials } from './runWorkflow';

export interface SimulatorSuite {
	sim: HubSpotSimulator;
	credentials: ReturnType<typeof simulatorCredentials>;
}

/**
 * A simulator for the specs of one file: started once, emptied of associations and recorded
 * requests before each spec, and after each spec every exchange is checked against HubSpot's
 * contract, both ways (but for answers an `odd-shape` fault left outside it).
 */
export function useSimulator(): SimulatorSuite {
	const suite = {} as SimulatorSuite;
	beforeAll(async () => {
		suite.sim = await startSimulator();
		suite.credentials = simulatorCredentials(suite.sim);
	});
	afterAll(async () => await suite.sim.close());
	beforeEach(() => {
		suite.sim.state.clearAssociations();
		suite.sim.requests.length = 0;
	});
	afterEach(() => {
		for (const request of suite.sim.requests) {
			if (request.method === 'POST' || request.method === 'PUT') assertValidRequest(request.method, request.path, request.body);
			// An answer of odd shape is the fault a spec asked for, outside the contract on purpose.
			if (request.fault !== 'odd-shape') assertValidResponse(request.method, request.path, request.status, request.responseBody);
		}
	});
	return suite;
}
