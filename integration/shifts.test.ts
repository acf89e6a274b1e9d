/**
 * A shift through the sync server: a paired counter, a real SQLite store, the real server on
 * Postgres and PGlite over loopback HTTP. The cashier opens a shift, sells (cash and card, one
 * voided), takes cash out, goes offline, sells again and closes short with a manager's PIN; once
 * back online every shift mutation applies, and the server's own recount of the device's sales
 * in the shift's window equals the Z figures the counter printed: no anomaly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShiftReport, ShiftState } from '../shared/src/api/shifts-api.js';
import type { SyncStatus } from '../shared/src/api-contract.js';
import { removeTestDirs } from '../electron/src/core/testing/demo-store.js';
import { BACKENDS } from '../sync-server/src/test-support/test-db.js';
import { call, createBranch, createStaff, startTestServer, type TestServer } from '../sync-server/src/test-support/test-app.js';
import { seedCatalogue, type SeededItem } from '../sync-server/src/test-support/catalogue.js';
import { listenOnFreePort, testDevice, until, type TestDevice } from './support/sync-devices.js';

afterAll(removeTestDirs);

describe.each(BACKENDS)('a shift through the sync server on %s', (kind) => {
  let server: TestServer;
  let url: string;
  let branchId: string;
  let items: SeededItem[];

  beforeAll(async () => {
    server = await startTestServer(kind, { pullPollIntervalMs: 25 });
    url = await listenOnFreePort(server);
    branchId = await createBranch(server, `SH-${kind.toUpperCase()}`);
    await createStaff(server, { username: `sh-cash-${kind}`, role: 'cashier', branchIds: [branchId] });
    await createStaff(server, { username: `sh-mgr-${kind}`, role: 'manager', branchIds: [branchId] });
    items = await seedCatalogue(server.db, { count: 2, branchIds: [branchId], openingQty: 50 });
  });
  afterAll(async () => {
    server.app.server.closeAllConnections();
    await server.close();
  });

  async function paired(): Promise<TestDevice> {
    const d = testDevice({ prefix: 'similia-shifts-' });
    const pairing = ((await call(server.app, 'POST', `/v1/branches/${branchId}/pairing-codes`, undefined, server.adminToken)).json() as { code: string }).code;
    await d.value<SyncStatus>('sync.pair', { serverUrl: url, code: pairing });
    await until('the first sync', async () => (await d.call('app.info')).ok);
    return d;
  }

  const staffId = async (d: TestDevice, name: string): Promise<string> => {
    const member = (await d.value<{ id: string; name: string }[]>('auth.staffList')).find((s) => s.name === name);
    if (member === undefined) throw new Error(`${name} is not on this device`);
    return member.id;
  };

  async function sell(d: TestDevice, item: SeededItem, qty: number, method: 'cash' | 'card', requestId: string): Promise<string> {
    const lines = [{ lineId: 'l1', productId: item.productId, qty, discountPaise: 0, batchOverrideId: item.batchId }];
    const quote = await d.value<{ totals: { totalPaise: number } }>('sale.quote', { lines });
    return (await d.value<{ saleId: string }>('sale.complete', { clientRequestId: requestId, lines, payments: [{ method, amountPaise: quote.totals.totalPaise }] })).saleId;
  }

  it('applies every shift mutation, and the server’s recount of the window equals the counter’s Z', async () => {
    const [a, b] = items as [SeededItem, SeededItem];
    const d = await paired();
    const cashier = await staffId(d, `sh-cash-${kind}`);
    const manager = await staffId(d, `sh-mgr-${kind}`);
    d.token = (await d.value<{ sessionToken: string }>('auth.login', { staffId: cashier, pin: '1234' })).sessionToken;

    const { shift } = await d.value<ShiftState>('shift.open', { floatPaise: 100_000 });
    await sell(d, a, 2, 'cash', 'sh-1');
    await sell(d, b, 1, 'card', 'sh-2');
    const voided = await sell(d, a, 1, 'cash', 'sh-3');
    await d.value('sale.void', { saleId: voided, reason: 'billed twice', managerStaffId: manager, managerPin: '1234' });
    await d.value('shift.cashMove', { shiftId: shift.shiftId, direction: 'out', reason: 'bank_deposit', amountPaise: 20_000, note: 'noon deposit' });
    d.offline = true;
    await sell(d, b, 3, 'cash', 'sh-4');
    const x = await d.value<ShiftReport>('shift.xReport', { shiftId: shift.shiftId });
    const counted = x.figures.expectedCashPaise - 50_000;
    const z = await d.value<ShiftReport>('shift.close', {
      shiftId: shift.shiftId,
      counts: { n100: Math.floor(counted / 10_000), c1: (counted % 10_000) / 100 },
      managerStaffId: manager,
      managerPin: '1234',
    });
    expect(z.close).toMatchObject({ variancePaise: -50_000, approvedBy: { id: manager } });
    d.offline = false;
    await until('the shift on the server', async () => (await d.value<SyncStatus>('sync.status')).pendingCount === 0);
    expect((await d.value<SyncStatus>('sync.status')).problems).toEqual([]);

    const row = (await server.db.query<Record<string, unknown>>(
      'SELECT status, staff_id, closed_by, approved_by, variance_paise, server_sales_count, server_sales_paise, server_cash_paise FROM shifts WHERE id = $1',
      [shift.shiftId],
    )).rows[0];
    expect(row).toMatchObject({ status: 'closed', staff_id: cashier, closed_by: cashier, approved_by: manager, server_sales_count: 3 });
    expect([Number(row?.variance_paise), Number(row?.server_sales_paise), Number(row?.server_cash_paise)]).toEqual([-50_000, z.figures.sales.totalPaise, z.figures.cashSalesPaise]);
    const moves = await server.db.query<{ amount_paise: string }>('SELECT amount_paise FROM shift_cash_moves WHERE shift_id = $1', [shift.shiftId]);
    expect(moves.rows.map((m) => Number(m.amount_paise))).toEqual([20_000]);
    const flagged = await server.db.query<{ kind: string }>('SELECT kind FROM anomalies WHERE ref_id = $1', [shift.shiftId]);
    expect(flagged.rows).toEqual([]);
    await d.core.close();
  });
});
