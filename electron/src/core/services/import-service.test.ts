import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffSummary } from '../../../../shared/src/api-contract.js';
import { IMPORT_PART_CHARS, type ImportKind } from '../../../../shared/src/api/imports-api.js';
import { readCsv } from '../../../../shared/src/csv/csv-reader.js';
import type { StockReceivedPayload } from '../../../../shared/src/sync-protocol.js';
import { openStore, type Db } from '../store/open-store.js';
import { Clock, copyOf, makeTemplate, removeTestDirs } from '../testing/demo-store.js';
import { createContext } from './context.js';
import { catalogueCsv, stockCsv } from './import-export.js';
import { OfficeReports } from '../reports/office-reports.js';
import { ImportService } from './import-service.js';

let template = '';
beforeAll(async () => {
  template = await makeTemplate(50);
});
afterAll(removeTestDirs);

function setUp(): { db: Db; imports: ImportService; staff: (role: StaffSummary['role']) => StaffSummary; skus: string[] } {
  const db = openStore(copyOf(template));
  const ctx = createContext(db, { now: new Clock().now });
  const staff = (role: StaffSummary['role']): StaffSummary => {
    // The demo branch has no admin (admins belong to the office); the session supplies the staff member.
    const row = db.prepare(`SELECT id, name, role FROM staff WHERE role = ? LIMIT 1`).get(role) as { id: string; name: string; role: StaffSummary['role'] } | undefined;
    return { ...(row ?? { id: `office-${role}`, name: 'Office Admin', role }), maxLineDiscountBp: 0 };
  };
  const skus = (db.prepare(`SELECT sku FROM products ORDER BY sku`).all() as { sku: string }[]).map((r) => r.sku);
  return { db, imports: new ImportService(ctx), staff, skus };
}

/** Sends a text in parts as the screen does; answers the last reply. */
function send(imports: ImportService, who: StaffSummary, kind: ImportKind, text: string, size = IMPORT_PART_CHARS) {
  const parts = Math.max(1, Math.ceil(text.length / size));
  let uploadId: string | null = null;
  let last;
  for (let i = 0; i < parts; i += 1) {
    last = imports.upload(who, { kind, uploadId, fileName: 'stock.csv', part: text.slice(i * size, (i + 1) * size), partNo: i + 1, parts });
    if (!last.ok) return last;
    uploadId = last.value.uploadId;
  }
  if (last === undefined) throw new Error('no parts');
  return last;
}

const HEADER = 'sku,batch no,expiry,qty,cost,mrp';
const counts = (db: Db) =>
  db.prepare(`SELECT (SELECT COUNT(*) FROM batches) AS batches, (SELECT COUNT(*) FROM stock_movements) AS moves, (SELECT COUNT(*) FROM sync_queue) AS queued, (SELECT COALESCE(SUM(qty), 0) FROM batch_stock) AS units`).get() as { batches: number; moves: number; queued: number; units: number };

describe('opening stock import', () => {
  it('previews a file with one bad row, names its line and column, and changes nothing', () => {
    const { db, imports, staff, skus } = setUp();
    const before = counts(db);
    const text = [HEADER, `${skus[0]},OS-1,31/12/2028,10,40.00,95`, `${skus[1]},OS-2,2028-13-01,5,20,`, `${skus[2]},OS-3,2028-06-30,7,12.5,`].join('\r\n');
    const answer = send(imports, staff('manager'), 'openingStock', text);
    expect(answer.ok).toBe(true);
    if (!answer.ok || answer.value.preview === null) return;
    const p = answer.value.preview;
    expect(p).toMatchObject({ records: 3, validRows: 2, errorCount: 1, errors: [{ row: 3, column: 'expiry', reason: expect.stringContaining('2028-13-01') }] });
    expect(p.sample.map((r) => r[4])).toEqual(['OS-1', 'OS-3']);
    const commit = imports.commit(staff('manager'), p.uploadId);
    expect(commit).toMatchObject({ ok: false, error: { code: 'import.has_errors' } });
    expect(counts(db)).toEqual(before);
  });

  it('commits a good file in one transaction: a batch, a receipt movement and the level per row, one stock.received mutation per 500 rows', () => {
    const { db, imports, staff, skus } = setUp();
    const before = counts(db);
    const rows = Array.from({ length: 1200 }, (_, i) => `${skus[i % skus.length]},IMP-${i},2029-03-31,${(i % 9) + 1},10.25,`);
    const text = [HEADER, ...rows].join('\n');
    // Small parts: records and quoted fields are cut across parts.
    const answer = send(imports, staff('manager'), 'openingStock', text, 4096);
    if (!answer.ok || answer.value.preview === null) throw new Error('preview failed');
    expect(answer.value.preview).toMatchObject({ records: 1200, validRows: 1200, errorCount: 0 });
    const result = imports.commit(staff('manager'), answer.value.preview.uploadId);
    if (!result.ok) throw new Error(result.error.message);
    const units = rows.reduce((s, _r, i) => s + (i % 9) + 1, 0);
    expect(result.value).toMatchObject({ rows: 1200, units, mutations: 3 });
    expect(counts(db)).toEqual({ batches: before.batches + 1200, moves: before.moves + 1200, queued: before.queued + 3, units: before.units + units });
    const queued = (db.prepare(`SELECT payload FROM sync_queue WHERE type = 'stock.received' ORDER BY seq`).all() as { payload: string }[]).map((r) => JSON.parse(r.payload) as StockReceivedPayload);
    expect(queued.map((q) => q.lines.length)).toEqual([500, 500, 200]);
    expect(queued.every((q) => q.supplier === 'Opening stock')).toBe(true);
    // Each part's movements belong to its own mutation, so the shown level stays right until the server confirms them.
    const linked = db.prepare(`SELECT COUNT(DISTINCT mutation_id) AS n, SUM(mutation_id IS NULL) AS unlinked FROM stock_movements WHERE ref_id IN (SELECT receipt_id FROM stock_import_receipts)`).get();
    expect(linked).toEqual({ n: 3, unlinked: 0 });
    expect(db.prepare(`SELECT rows, units FROM stock_imports`).all()).toEqual([{ rows: 1200, units }]);
  });

  it('refuses the same file a second time: its lots are in this branch’s stock now', () => {
    const { db, imports, staff, skus } = setUp();
    const text = [HEADER, `${skus[3]},TWICE-1,2029-01-31,4,10,`].join('\n');
    const first = send(imports, staff('manager'), 'openingStock', text);
    if (!first.ok || first.value.preview === null) throw new Error('preview failed');
    expect(imports.commit(staff('manager'), first.value.preview.uploadId).ok).toBe(true);
    const after = counts(db);
    const again = send(imports, staff('manager'), 'openingStock', text);
    if (!again.ok || again.value.preview === null) throw new Error('preview failed');
    expect(again.value.preview.errors).toEqual([{ row: 2, column: 'batch no', reason: expect.stringContaining('already in this branch\'s stock') }]);
    expect(imports.commit(staff('manager'), again.value.preview.uploadId).ok).toBe(false);
    expect(counts(db)).toEqual(after);
  });

  it('re-checks at commit: a lot that reached the branch after the preview makes the commit refuse everything', () => {
    const { db, imports, staff, skus } = setUp();
    const text = [HEADER, `${skus[4]},LATE-1,2029-01-31,4,10,`, `${skus[5]},LATE-2,2029-01-31,4,10,`].join('\n');
    const answer = send(imports, staff('manager'), 'openingStock', text);
    if (!answer.ok || answer.value.preview === null) throw new Error('preview failed');
    expect(answer.value.preview.errorCount).toBe(0);
    const other = send(imports, staff('manager'), 'openingStock', [HEADER, `${skus[5]},LATE-2,2029-01-31,1,10,`].join('\n'));
    if (!other.ok || other.value.preview === null) throw new Error('preview failed');
    expect(imports.commit(staff('manager'), other.value.preview.uploadId).ok).toBe(true);
    const before = counts(db);
    expect(imports.commit(staff('manager'), answer.value.preview.uploadId)).toMatchObject({ ok: false, error: { code: 'import.has_errors' } });
    expect(counts(db)).toEqual(before);
  });

  it('lets only a manager or admin import opening stock and only an admin preview the catalogue', () => {
    const { imports, staff } = setUp();
    const args = { uploadId: null, fileName: 'x.csv', part: HEADER, partNo: 1, parts: 1 };
    expect(imports.upload(staff('pharmacist'), { ...args, kind: 'openingStock' })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    expect(imports.upload(staff('manager'), { ...args, kind: 'catalogue' })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
  });

  it('keeps an upload to the staff member who started it and refuses parts out of order', () => {
    const { imports, staff, skus } = setUp();
    const first = imports.upload(staff('manager'), { kind: 'openingStock', uploadId: null, fileName: 'x.csv', part: `${HEADER}\n`, partNo: 1, parts: 3 });
    if (!first.ok) throw new Error('upload failed');
    const id = first.value.uploadId;
    expect(imports.upload(staff('admin'), { kind: 'openingStock', uploadId: id, fileName: 'x.csv', part: `${skus[0]},A,2029-01-31,1,1,\n`, partNo: 2, parts: 3 })).toMatchObject({ ok: false, error: { code: 'import.upload_unknown' } });
    expect(imports.upload(staff('manager'), { kind: 'openingStock', uploadId: id, fileName: 'x.csv', part: '', partNo: 3, parts: 3 })).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
  });
});

describe('catalogue preview and exports', () => {
  it('previews a catalogue file as new and updated SKUs, and commits it only through the office', async () => {
    const { db, imports, staff, skus } = setUp();
    const exported = catalogueCsv(db, '2026-11-24');
    const [header, first] = readCsv(exported.text);
    const edited = [header?.fields, first?.fields, ['NEW-SKU-1', 'Arnica 30 new', 'Arnica montana', '30C', 'dilution', '30 ml', 'SBL', '30049014', 'classical', '99.00', '']]
      .map((f) => (f ?? []).map((x) => (x.includes(',') ? `"${x}"` : x)).join(','))
      .join('\n');
    const answer = send(imports, staff('admin'), 'catalogue', edited);
    if (!answer.ok || answer.value.preview === null) throw new Error('preview failed');
    expect(answer.value.preview).toMatchObject({ errorCount: 0, validRows: 2, totals: { newProducts: 1, updatedProducts: 1 } });
    expect(answer.value.preview.sample[0]?.[1]).toBe(skus[0]);
    // Without the office at all, the commit says so and changes nothing here.
    expect(await imports.commitUpload(staff('admin'), answer.value.preview.uploadId)).toMatchObject({ ok: false, error: { code: 'device.unpaired' } });
    expect((db.prepare(`SELECT COUNT(*) AS n FROM products WHERE sku = 'NEW-SKU-1'`).get() as { n: number }).n).toBe(0);
  });

  it('refuses to commit a catalogue from an unpaired counter, then from a paired one until the admin signs in to the office, keeping the upload', async () => {
    const db = openStore(copyOf(template));
    const ctx = createContext(db, { now: new Clock().now });
    const imports = new ImportService(ctx, new OfficeReports(ctx));
    const admin: StaffSummary = { id: 'office-admin', name: 'Office Admin', role: 'admin', maxLineDiscountBp: 0 };
    const file = ['sku,name,remedy,potency,form,pack size,brand,hsn,tax category,mrp', 'OFF-1,Arnica 30 office,Arnica montana,30C,dilution,30 ml,SBL,30049014,classical,95'].join('\n');
    const answer = send(imports, admin, 'catalogue', file);
    if (!answer.ok || answer.value.preview === null) throw new Error('preview failed');
    const uploadId = answer.value.preview.uploadId;
    const unpaired = await imports.commitUpload(admin, uploadId);
    expect(unpaired).toMatchObject({ ok: false, error: { code: 'device.unpaired', message: expect.stringContaining('not paired') } });
    // Paired (to a server that is never reached: the sign-in is missing before any request).
    db.prepare(`INSERT INTO sync_link (singleton, server_url, device_id, branch_id, invoice_prefix, device_name, refresh_token, paired_at) VALUES (1, 'http://127.0.0.1:9', 'd1', 'b1', 'T1', 'Counter', 'r', '2026-11-24T04:00:00.000Z')`).run();
    const unsigned = await imports.commitUpload(admin, uploadId);
    expect(unsigned).toMatchObject({ ok: false, error: { code: 'auth.required', message: expect.stringContaining('Sign in to the office') } });
    // The refusals keep the upload: after signing in the admin commits the same file, without sending it again.
    expect(await imports.commitUpload(admin, uploadId)).toMatchObject({ ok: false, error: { code: 'auth.required' } });
    expect(await imports.commitUpload({ ...admin, id: 'someone-else' }, uploadId)).toMatchObject({ ok: false, error: { code: 'import.upload_unknown' } });
    expect(imports.discard(admin, uploadId)).toEqual({ discarded: true });
  });

  it('exports the whole catalogue and every batch with stock, in columns the imports read back', () => {
    const { db } = setUp();
    const catalogue = readCsv(catalogueCsv(db, '2026-11-24').text);
    expect(catalogue.length - 1).toBe((db.prepare(`SELECT COUNT(*) AS n FROM products`).get() as { n: number }).n);
    const stock = readCsv(stockCsv(db, '2026-11-24', 'BLR').text);
    expect(stock[0]?.fields).toEqual(['sku', 'barcode', 'batch no', 'expiry', 'qty', 'cost', 'mrp', 'name']);
    const units = stock.slice(1).reduce((s, r) => s + Number(r.fields[4]), 0);
    expect(units).toBe((db.prepare(`SELECT SUM(qty) AS n FROM batch_stock`).get() as { n: number }).n);
  });
});
