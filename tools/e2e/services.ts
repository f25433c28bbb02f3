/**
 * Throwaway Redis and PostgreSQL servers for the queue-mode e2e run: Debian's binaries
 * (tools/e2e/install-queue-services.sh), a free port each, data in a temp folder, stopped and
 * deleted by `stop()`. Nothing touches a system-wide instance.
 */
import { spawn, spawnSync, type ChildProcess } from 'child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'fs';
import { freePort } from '../dev/n8nInstance';
import { tmpdir } from 'os';
import { join } from 'path';

export interface Service {
	port: number;
	stop(): Promise<void>;
}

export interface Postgres extends Service {
	user: string;
	database: string;
}

async function waitFor(what: string, ready: () => boolean, timeoutMs: number): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!ready()) {
		if (Date.now() > deadline) throw new Error(`${what} was not ready within ${timeoutMs / 1000} s`);
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}

function exited(child: ChildProcess): Promise<void> {
	return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));
}

export async function startRedis(): Promise<Service> {
	const dir = mkdtempSync(join(tmpdir(), 'n8n-e2e-redis-'));
	const port = await freePort();
	const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'], {
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let log = '';
	child.stdout!.on('data', (chunk: Buffer) => (log += chunk.toString()));
	child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
	const stop = async () => {
		child.kill('SIGTERM');
		await exited(child);
		rmSync(dir, { recursive: true, force: true });
	};
	try {
		await waitFor('redis-server', () => {
			if (child.exitCode !== null) throw new Error(`redis-server exited (${child.exitCode}):\n${log}`);
			return log.includes('Ready to accept connections');
		}, 20_000);
	} catch (error) {
		await stop();
		throw error;
	}
	return { port, stop };
}

/** Debian keeps PostgreSQL's server binaries out of PATH, under /usr/lib/postgresql/<major>/bin. */
function postgresBin(): string {
	const root = '/usr/lib/postgresql';
	const majors = existsSync(root) ? readdirSync(root).filter((name) => existsSync(join(root, name, 'bin', 'initdb'))) : [];
	if (majors.length === 0) throw new Error('PostgreSQL is not installed: run tools/e2e/install-queue-services.sh');
	return join(root, majors.sort((a, b) => Number(b) - Number(a))[0], 'bin');
}

/** PostgreSQL refuses to run as root: as root, its commands run as Debian's `postgres` user. */
function asPostgresUser(command: string, args: string[]): [string, string[]] {
	return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

function runPostgresTool(tool: string, args: string[]): void {
	const [command, argv] = asPostgresUser(join(postgresBin(), tool), args);
	const result = spawnSync(command, argv, { encoding: 'utf8', cwd: tmpdir() });
	if (result.status !== 0) throw new Error(`${tool} ${args.join(' ')} failed (${result.status ?? result.signal}):\n${result.stdout}${result.stderr}`);
}

export async function startPostgres(): Promise<Postgres> {
	// Its own temp folder, handed to the postgres user (the test's temp folders are private to root).
	const dir = mkdtempSync(join(tmpdir(), 'n8n-e2e-postgres-'));
	if (process.getuid?.() === 0) {
		const { uid, gid } = postgresUser();
		chownSync(dir, uid, gid);
	}
	const data = join(dir, 'data');
	const port = await freePort();
	runPostgresTool('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8']);
	const stop = async () => {
		try {
			runPostgresTool('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
		} catch {
			/* not running */
		}
		rmSync(dir, { recursive: true, force: true });
	};
	try {
		const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100`;
		runPostgresTool('pg_ctl', ['-D', data, '-l', join(dir, 'postgres.log'), '-o', options, '-w', '-t', '60', 'start']);
	} catch (error) {
		await stop();
		throw error;
	}
	return { port, user: 'postgres', database: 'postgres', stop };
}

function postgresUser(): { uid: number; gid: number } {
	const result = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
	const group = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
	if (result.status !== 0 || group.status !== 0) throw new Error('no `postgres` user: install Debian\'s postgresql package (tools/e2e/install-queue-services.sh)');
	return { uid: Number(result.stdout.trim()), gid: Number(group.stdout.trim()) };
}
