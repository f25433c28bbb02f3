import { loadOptions, runNode, simulatorAccount } from '../harness/runWorkflow';
import { batchCreateParameters } from '../harness/batchCreateParameters';
import { useSimulator } from '../harness/simulatorSuite';

const suite = useSimulator();
const items = [{ contactId: '101', companyId: '201' }, { contactId: '102', companyId: '202' }];

/** A connection whose access token has expired and whose refresh token HubSpot no longer honours. */
function revokedAccount() {
	const account = simulatorAccount(suite.sim);
	const tokens = account.credentials.hubspotAssociationsOAuth2Api.oauthTokenData as { access_token: string; refresh_token: string };
	suite.sim.state.expireToken(tokens.access_token);
	suite.sim.state.revokeRefreshToken(tokens.refresh_token);
	return account;
}

afterEach(() => {
	suite.sim.state.refreshRefusal = 'BAD_REFRESH_TOKEN';
	suite.sim.faults.clear();
});

describe('a HubSpot connection that can no longer be refreshed (simulator)', () => {
	it.each(['BAD_REFRESH_TOKEN', 'invalid_grant'] as const)('answered %s: every item, the run and the dropdowns say to reconnect the credential; refresh tried once', async (refusal) => {
		suite.sim.state.refreshRefusal = refusal;
		const { credentials, secrets } = revokedAccount();

		const continued = await runNode({ items, parameters: batchCreateParameters(), credentials, onError: 'continueRegularOutput' });
		const refreshes = suite.sim.requests.filter((request) => request.path.startsWith('/oauth/'));
		const stopped = await runNode({ items, parameters: batchCreateParameters(), credentials });
		const types = await loadOptions('getObjectTypes', batchCreateParameters(), credentials);

		const reconnect = `The HubSpot connection of credential "HubSpot account" must be reconnected: HubSpot refused to renew its access (${refusal === 'invalid_grant' ? 'invalid_grant' : '400 BAD_REFRESH_TOKEN: missing or unknown refresh token'})`;
		expect(continued.output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		for (const item of continued.output) expect(item.json.error).toContain(reconnect);
		expect(refreshes).toHaveLength(1);
		expect(stopped.error?.message).toContain(reconnect);
		expect(types.at(-1)?.description).toContain(reconnect);
		const everything = JSON.stringify([continued.output, stopped.error, types]);
		expect(everything).not.toMatch(/could not be reached|ESTATUS/);
		for (const secret of secrets) expect(everything).not.toContain(secret);
		// The token endpoint is form-encoded: HubSpot's JSON contract has no body for it to check.
		suite.sim.requests.splice(0, suite.sim.requests.length, ...suite.sim.requests.filter((request) => !request.path.startsWith('/oauth/')));
	});

	it('asks HubSpot once per run: later batches are not sent once the refresh was refused', async () => {
		const { credentials } = revokedAccount();

		const { output } = await runNode({ items: [...items, { contactId: '103', companyId: '203' }], parameters: batchCreateParameters({ options: { batchSize: 1 } }), credentials, onError: 'continueRegularOutput' });

		expect(output).toHaveLength(3);
		for (const item of output) expect(item.json.error).toContain('must be reconnected');
		expect(suite.sim.requests.map((request) => request.path)).toEqual(['/crm/associations/2026-03/contacts/companies/batch/create', '/oauth/2026-03/token']);
		suite.sim.requests.splice(0, suite.sim.requests.length, ...suite.sim.requests.filter((request) => !request.path.startsWith('/oauth/')));
	});
});

describe('a 403 for a missing scope (simulator)', () => {
	it.each(['missingScopes', 'requiredGranularScopes', 'requiredScopes'] as const)('names the scopes HubSpot gave in the %s form', async (shape) => {
		suite.sim.faults.next(1, { status: 403, shape, missingScopes: ['e-commerce', 'crm.objects.line_items.write'] });

		const { output } = await runNode({ items, parameters: batchCreateParameters(), credentials: suite.credentials, onError: 'continueRegularOutput' });

		const scopes = shape === 'missingScopes' ? 'lacks the scopes e-commerce, crm.objects.line_items.write' : 'needs one of the scopes e-commerce, crm.objects.line_items.write';
		for (const item of output) expect(item.json.error).toContain(`The HubSpot credential ${scopes} (403)`);
	});
});
