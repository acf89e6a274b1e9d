import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMPORT_PART_CHARS } from '../../../../shared/src/api/imports-api.js';
import { readCsv } from '../../../../shared/src/csv/csv-reader.js';
import { client, copyOf, makeTemplate, removeTestDirs } from '../testing/demo-store.js';

let template = '';
beforeAll(async () => {
  template = await makeTemplate(50);
});
afterAll(removeTestDirs);

describe('the imports methods through the dispatcher', () => {
  it('takes an opening-stock file in two parts, previews it and commits it for a manager', async () => {
    const c = client(copyOf(template));
    await c.loginAs('Meera Iyer');
    const catalogue = await c.value<{ text: string }>('imports.export', { what: 'catalogue' });
    const sku = readCsv(catalogue.text)[1]?.fields[0];
    const text = `sku,batch no,expiry,qty,cost\r\n${sku},DISP-1,2029-01-31,3,10\r\n`;
    const first = await c.value<{ uploadId: string; preview: null }>('imports.upload', { kind: 'openingStock', uploadId: null, fileName: 'a.csv', part: text.slice(0, 20), partNo: 1, parts: 2 });
    expect(first.preview).toBeNull();
    const last = await c.value<{ preview: { errorCount: number; validRows: number; errors: unknown[] } }>('imports.upload', { kind: 'openingStock', uploadId: first.uploadId, fileName: 'a.csv', part: text.slice(20), partNo: 2, parts: 2 });
    expect(last.preview.errors).toEqual([]);
    expect(last.preview).toMatchObject({ errorCount: 0, validRows: 1 });
    expect(await c.value('imports.commit', { uploadId: first.uploadId })).toMatchObject({ rows: 1, units: 3, mutations: 1 });
  });

  it('refuses a part longer than the limit and unknown fields before any work', async () => {
    const c = client(copyOf(template));
    await c.loginAs('Meera Iyer');
    const base = { kind: 'openingStock', uploadId: null, fileName: 'a.csv', partNo: 1, parts: 1 };
    expect(await c.call('imports.upload', { ...base, part: 'x'.repeat(IMPORT_PART_CHARS + 1) })).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
    expect(await c.call('imports.upload', { ...base, part: 'sku', last: true })).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
  });

  it('keeps the largest part, JSON-encoded in the worst case, under the browser host’s 1 MB body limit', () => {
    // Control characters are the longest JSON escapes (\u0001: 6 bytes for one character).
    const request = JSON.stringify({ method: 'imports.upload', args: { kind: 'openingStock', uploadId: null, fileName: 'x'.repeat(200), part: '\u0001'.repeat(IMPORT_PART_CHARS), partNo: 1, parts: 1 }, sessionToken: 'x'.repeat(64) });
    expect(Buffer.byteLength(request)).toBeLessThan(1024 * 1024);
  });

  it('keeps exports with cost prices from a cashier', async () => {
    const c = client(copyOf(template));
    await c.loginAs('Asha Nair');
    expect(await c.call('imports.export', { what: 'stock' })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
  });
});
