import { makeUserFolder } from './userFolder';

export default function globalSetup(): void {
	process.env.N8N_USER_FOLDER ??= makeUserFolder();
}
