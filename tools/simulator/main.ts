import { writeFileSync } from 'fs';
import { startSimulator } from './index';

/**
 * Runs the simulator until SIGINT/SIGTERM and prints one JSON line describing it.
 *   npx tsx tools/simulator/main.ts [--port N] [--seed N] [--credentials-file PATH]
 * Env: HUBSPOT_SIM_PORT, HUBSPOT_SIM_SEED, HUBSPOT_SIM_CLIENT_ID, HUBSPOT_SIM_CLIENT_SECRET,
 * HUBSPOT_SIM_PRIVATE_APP_TOKEN. Secrets are never printed: pass them in through the env, or
 * let `--credentials-file` write the generated ones (client secret and an issued token) to a 0600 file.
 */

function option(name: string): string | undefined {
	const index = process.argv.indexOf(`--${name}`);
	return index >= 0 ? process.argv[index + 1] : undefined;
}

function integer(value: string | undefined, what: string): number | undefined {
	if (value === undefined || value === '') return undefined;
	const parsed = Number(value);
	if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`${what} must be a non-negative integer`);
	return parsed;
}

async function main(): Promise<void> {
	const sim = await startSimulator({
		port: integer(option('port') ?? process.env.HUBSPOT_SIM_PORT, 'port') ?? 0,
		seed: integer(option('seed') ?? process.env.HUBSPOT_SIM_SEED, 'seed'),
	});
	if (process.env.HUBSPOT_SIM_CLIENT_ID) sim.oauthClient.clientId = process.env.HUBSPOT_SIM_CLIENT_ID;
	if (process.env.HUBSPOT_SIM_CLIENT_SECRET) sim.oauthClient.clientSecret = process.env.HUBSPOT_SIM_CLIENT_SECRET;
	if (process.env.HUBSPOT_SIM_PRIVATE_APP_TOKEN) sim.state.addPrivateAppToken(process.env.HUBSPOT_SIM_PRIVATE_APP_TOKEN);

	const credentialsFile = option('credentials-file');
	if (credentialsFile) {
		const { accessToken, refreshToken } = sim.issueToken();
		writeFileSync(credentialsFile, JSON.stringify({ ...sim.oauthClient, accessToken, refreshToken }, null, 2), { mode: 0o600 });
	}

	process.stdout.write(
		`${JSON.stringify({
			baseUrl: sim.baseUrl,
			clientId: sim.oauthClient.clientId,
			authorizeUrl: `${sim.baseUrl}/oauth/authorize`,
			tokenUrl: `${sim.baseUrl}/oauth/2026-03/token`,
			credentialsFile: credentialsFile ?? null,
			pid: process.pid,
		})}\n`,
	);

	const stop = () => {
		sim.close().then(
			() => process.exit(0),
			() => process.exit(1),
		);
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

main().catch((error: Error) => {
	process.stderr.write(`hubspot simulator: ${error.message}\n`);
	process.exit(1);
});
