import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * One fresh store per E2E run. The config module is evaluated in the runner and in each worker,
 * so the directory is chosen once and handed down through the environment.
 */
process.env.SIMILIA_E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'similia-e2e-'));
export const E2E_DATA_DIR = process.env.SIMILIA_E2E_DATA_DIR;
export const E2E_PORT = Number(process.env.SIMILIA_E2E_PORT ?? 5199);
export const E2E_KEY = 'e2e-launch-key';
/** The sync server the pairing flow pairs with (PGlite in the run's folder, demo organisation). */
export const E2E_SYNC_PORT = E2E_PORT + 1;
export const E2E_SYNC_URL = `http://127.0.0.1:${E2E_SYNC_PORT}`;
export const E2E_ADMIN_PASSWORD = 'e2e-admin-password';
/** A second browser-mode app on a fresh, unpaired store: it opens on the pairing screen. */
export const E2E_FRESH_PORT = E2E_PORT + 2;
export const E2E_FRESH_URL = `http://127.0.0.1:${E2E_FRESH_PORT}`;
