/** The demo office's schemes on the server (same rows as the counter's demo store). */
import type { DemoData } from '../../../shared/src/demo/demo-data.js';
import { demoSchemes } from '../../../shared/src/demo/demo-schemes.js';
import type { Queryable } from '../db/db.js';
import { insertScheme } from './scheme-repo.js';

export async function seedDemoSchemes(tx: Queryable, data: Pick<DemoData, 'products'>, today: string): Promise<void> {
  for (const s of demoSchemes(data, today)) await insertScheme(tx, s, null);
}
