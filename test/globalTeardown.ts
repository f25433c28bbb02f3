import { removeUserFolder } from './userFolder';

export default function globalTeardown(): void {
	removeUserFolder(process.env.N8N_USER_FOLDER);
}
