/**
 * The catalogue import from the counter through the office (docs/imports.md): an admin signed in to
 * the office uploads a CSV on a paired counter, the commit posts it to the real sync server, which
 * writes every row or none; the products come back down to the counter with its next sync.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore } from '../electron/src/core/app-core.js';
import { removeTestDirs, testDir } from '../electron/src/core/testing/demo-store.js';
import type { ImportCommitResult, ImportPreview } from '../shared/src/api/imports-api.js';
import { newUuid, seedCatalogue } from '../sync-server/src/test-support/catalogue.js';
import { BACKENDS } from '../sync-server/src/test-support/test-db.js';
import { call, createBranch, startTestServer, type TestServer } from '../sync-server/src/test-support/test-app.js';

afterAll(removeTestDirs);

type Answer<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string; details?: Record<string, unknown> } };

const HEADER = 'sku,name,remedy,potency,form,pack size,brand,hsn,tax category,mrp,barcode';

async function until(what: string, check: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.each(BACKENDS)('catalogue import from the counter through the office on %s', (kind) => {
  let server: TestServer;
  let core: AppCore;
  let token: string | null = null;
  let onFileSku = '';
  const dispatch = <T>(method: string, args: Record<string, unknown> = {}) => core.dispatch({ method, args, sessionToken: token }) as Promise<Answer<T>>;
  const product = async (sku: string) =>
    (await server.db.query<{ name: string; mrp_paise: string; barcode: string | null }>('SELECT name, mrp_paise::text, barcode FROM products WHERE sku = $1', [sku])).rows[0];
  const productCount = async () => Number((await server.db.query<{ n: string }>('SELECT count(*)::text AS n FROM products')).rows[0]?.n);

  /** Uploads a text in one part as the screen does, and answers the preview. */
  const upload = async (name: string, text: string): Promise<ImportPreview> => {
    const r = await dispatch<{ preview: ImportPreview | null }>('imports.upload', { kind: 'catalogue', uploadId: null, fileName: name, part: text, partNo: 1, parts: 1 });
    if (!r.ok || r.value.preview === null) throw new Error(`upload: ${JSON.stringify(r)}`);
    return r.value.preview;
  };

  beforeAll(async () => {
    server = await startTestServer(kind, { pullPollIntervalMs: 25 });
    await server.app.listen({ port: 0, host: '127.0.0.1' });
    const address = server.app.server.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
    const branchId = await createBranch(server, `CI-${kind.toUpperCase()}`);
    const seeded = await seedCatalogue(server.db, { count: 2, branchIds: [branchId] });
    onFileSku = (await server.db.query<{ sku: string }>('SELECT sku FROM products WHERE id = $1', [seeded[0]?.productId])).rows[0]?.sku as string;
    // The admin has a PIN at this counter and a password at the office.
    await call(server.app, 'POST', '/v1/users', { username: `cat-${kind}`, name: 'Catalogue Admin', role: 'admin', branchIds: [branchId], pin: '4321', password: 'catalogue-pass-1' }, server.adminToken);
    core = createAppCore({ dbPath: join(testDir('similia-catimp-'), 'similia.db'), sync: { idleWaitSeconds: 1, backoff: { baseMs: 50, maxMs: 200 } } });
    const code = ((await call(server.app, 'POST', `/v1/branches/${branchId}/pairing-codes`, undefined, server.adminToken)).json() as { code: string }).code;
    expect((await dispatch('sync.pair', { serverUrl: url, code })).ok).toBe(true);
    await until('the first sync', async () => (await dispatch('app.info')).ok);
    const staff = await dispatch<{ id: string; name: string }[]>('auth.staffList');
    const admin = staff.ok ? staff.value.find((s) => s.name === 'Catalogue Admin') : undefined;
    const login = await dispatch<{ sessionToken: string }>('auth.login', { staffId: admin?.id, pin: '4321' });
    if (!login.ok) throw new Error(login.error.message);
    token = login.value.sessionToken;
  }, 60_000);
  afterAll(async () => {
    await core.close();
    server.app.server.closeAllConnections();
    await server.close();
  });

  it('asks for the office sign-in, then commits one new and one updated SKU at the office, and the counter finds the new product after its sync', { timeout: 60_000 }, async () => {
    const file = [HEADER, `NEW-${kind}-1,Calendula 6C new,Calendula officinalis,6C,dilution,30 ml,SBL,30049014,classical,"1,234.50",89012345${kind === 'postgres' ? '0001' : '0002'}`, `${onFileSku},Arnica renamed at office,Arnica montana,30C,dilution,30 ml,SBL,30049014,classical,111.10,`].join('\r\n');
    const preview = await upload('catalogue.csv', file);
    expect(preview).toMatchObject({ errorCount: 0, totals: { newProducts: 1, updatedProducts: 1 } });
    // Not signed in to the office: refused, nothing changes, and the upload is kept for after the sign-in.
    expect(await dispatch('imports.commit', { uploadId: preview.uploadId })).toMatchObject({ ok: false, error: { code: 'auth.required' } });
    expect(await product(`NEW-${kind}-1`)).toBeUndefined();
    expect(await dispatch('reports.officeSignIn', { username: `cat-${kind}`, password: 'catalogue-pass-1' })).toMatchObject({ ok: true });

    const done = await dispatch<ImportCommitResult>('imports.commit', { uploadId: preview.uploadId });
    expect(done).toMatchObject({ ok: true, value: { kind: 'catalogue', rows: 2, inserted: 1, updated: 1, unchanged: 0 } });
    expect(await product(`NEW-${kind}-1`)).toMatchObject({ name: 'Calendula 6C new', mrp_paise: '123450' });
    expect(await product(onFileSku)).toMatchObject({ name: 'Arnica renamed at office', mrp_paise: '11110', barcode: null });
    // The upload is gone after the commit.
    expect(await dispatch('imports.commit', { uploadId: preview.uploadId })).toMatchObject({ ok: false, error: { code: 'import.upload_unknown' } });

    // The counter's sync was kicked: the products come down the feed.
    await until('the new product on the counter', async () => {
      const hits = await dispatch<{ sku: string; name: string; mrpPaise: number }[]>('catalog.search', { query: 'calendula', limit: 10 });
      return hits.ok && hits.value.some((h) => h.sku === `NEW-${kind}-1` && h.mrpPaise === 123_450);
    });
    await until('the renamed product on the counter', async () => {
      const hits = await dispatch<{ sku: string }[]>('catalog.search', { query: 'arnica renamed', limit: 10 });
      return hits.ok && hits.value.some((h) => h.sku === onFileSku);
    });

    // The same file again changes nothing: both SKUs are on file as the file says.
    const again = await upload('catalogue.csv', file);
    expect(again.totals).toMatchObject({ newProducts: 0, updatedProducts: 2 });
    expect(await dispatch('imports.commit', { uploadId: again.uploadId })).toMatchObject({ ok: true, value: { inserted: 0, updated: 0, unchanged: 2 } });
  });

  it('answers the office’s row errors when the file is clean here but not at the office, and nothing changes', { timeout: 60_000 }, async () => {
    const barcode = kind === 'postgres' ? '7700000000001' : '7700000000002';
    const file = [HEADER, `GOOD-${kind}-1,Belladonna 200C good,Atropa belladonna,200C,dilution,30 ml,SBL,30049014,classical,99,`, `GOOD-${kind}-2,Nux vomica 30C good,Strychnos nux-vomica,30C,dilution,30 ml,SBL,30049014,classical,88,${barcode}`].join('\n');
    const preview = await upload('clash.csv', file);
    expect(preview.errorCount).toBe(0);
    // Meanwhile another product with that barcode is created at the office (the counter has not seen it).
    await server.db.query(
      `INSERT INTO products (id, sku, name, remedy, potency, form, pack_size, brand, hsn, tax_category, mrp_paise, barcode)
       VALUES ($1, $2, 'Office only', 'Sulphur', '30C', 'dilution', '30 ml', 'SBL', '30049014', 'classical', 9000, $3)`,
      [newUuid(), `OFFICE-${kind}`, barcode],
    );
    const before = await productCount();
    const refused = await dispatch('imports.commit', { uploadId: preview.uploadId });
    expect(refused).toMatchObject({ ok: false, error: { code: 'import.has_errors', details: { errorCount: 1 } } });
    if (refused.ok) return;
    expect(refused.error.message).toContain('line 3, barcode');
    expect(refused.error.message).toContain(`OFFICE-${kind}`);
    expect(await productCount()).toBe(before);
    expect(await product(`GOOD-${kind}-1`)).toBeUndefined();
  });
});
