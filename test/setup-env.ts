import { makeUserFolder, removeUserFolder } from './userFolder';

// Under jest the run's folder comes from globalSetup; a script (demo, benches) makes its own.
if (process.env.N8N_USER_FOLDER === undefined) {
	const userFolder = makeUserFolder();
	process.env.N8N_USER_FOLDER = userFolder;
	process.on('exit', () => removeUserFolder(userFolder));
}
process.env.N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS = 'false';
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
