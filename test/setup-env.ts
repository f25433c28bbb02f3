import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

// n8n-core writes its config under N8N_USER_FOLDER when first required.
process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'n8n-hubspot-assoc-'));
process.env.N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS = 'false';
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
