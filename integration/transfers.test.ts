/**
 * A transfer between two branches through the real sync server (Fastify on PGlite and on
 * Postgres) with real SQLite stores and the devices' own sync clients over HTTP: branch A sends
 * while offline and syncs later; branch B is offline when A's send reaches the server, comes
 * online, pulls the transfer and receives it with a difference. Both sides end with the right
 * stock, the server's levels equal the sum of its movements, and the difference is on record.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../shared/src/api-contract.js';
import type { TransferView } from '../shared/src/api/transfers-api.js';
import { openStore } from '../electron/src/core/store/open-store.js';
import { removeTestDirs } from '../electron/src/core/testing/demo-store.js';
import { BACKENDS } from '../sync-server/src/test-support/test-db.js';
import { call, createBranch, createStaff, startTestServer, type TestServer } from '../sync-server/src/test-support/test-app.js';
import { seedCatalogue, type SeededItem } from '../sync-server/src/test-support/catalogue.js';
import { listenOnFreePort, testDevice, until, type TestDevice } from './support/sync-devices.js';

afterAll(removeTestDirs);

describe.each(BACKENDS)('a transfer from a device of branch A to a device of branch B on %s', (kind) => {
  let server: TestServer;
  let url: string;
  let branchA: string;
  let branchB: string;
  let items: SeededItem[];

  beforeAll(async () => {
    server = await startTestServer(kind, { pullPollIntervalMs: 25 });
    url = await listenOnFreePort(server);
    branchA = await createBranch(server, `TRA-${kind.toUpperCase()}`);
    branchB = await createBranch(server, `TRB-${kind.toUpperCase()}`);
    await createStaff(server, { username: `mgr-a-${kind}`, role: 'manager', branchIds: [branchA] });
    await createStaff(server, { username: `mgr-b-${kind}`, role: 'manager', branchIds: [branchB] });
    items = await seedCatalogue(server.db, { count: 10, branchIds: [branchA], openingQty: 10 });
  });
  afterAll(async () => {
    server.app.server.closeAllConnections();
    await server.close();
  });

  async function pairedDevice(branchId: string, manager: string): Promise<TestDevice> {
    const d = testDevice({ prefix: 'similia-transfer-' });
    const res = await call(server.app, 'POST', `/v1/branches/${branchId}/pairing-codes`, undefined, server.adminToken);
    await d.value<SyncStatus>('sync.pair', { serverUrl: url, code: (res.json() as { code: string }).code });
    await until('the first sync', async () => (await d.call('app.info')).ok);
    const staff = await d.value<{ id: string; name: string }[]>('auth.staffList');
    const member = staff.find((s) => s.name === manager);
    if (member === undefined) throw new Error(`${manager} is not on this device`);
    d.token = (await d.value<{ sessionToken: string }>('auth.login', { staffId: member.id, pin: '1234' })).sessionToken;
    return d;
  }

  const shown = (d: TestDevice, batchId: string): number => {
    const db = openStore(d.file, { readonly: true });
    try {
      return (db.prepare('SELECT qty FROM batch_stock WHERE batch_id = ?').get(batchId) as { qty: number } | undefined)?.qty ?? 0;
    } finally {
      db.close();
    }
  };
  const level = async (branchId: string, batchId: string): Promise<number> =>
    Number((await server.db.query<{ qty: number }>('SELECT qty FROM stock_levels WHERE branch_id = $1 AND batch_id = $2', [branchId, batchId])).rows[0]?.qty ?? 0);
  const ledger = async (branchId: string, batchId: string): Promise<number> =>
    Number((await server.db.query<{ s: string }>('SELECT COALESCE(SUM(qty), 0)::text AS s FROM stock_movements WHERE branch_id = $1 AND batch_id = $2', [branchId, batchId])).rows[0]?.s);
  const pending = async (d: TestDevice): Promise<number> => (await d.value<SyncStatus>('sync.status')).pendingCount;
  const lists = (d: TestDevice) => d.value<{ sent: TransferView[]; incoming: TransferView[] }>('transfers.list');

  it('sends offline at A, syncs later; B, offline meanwhile, pulls it, receives with a difference; stock, levels and the difference agree everywhere', async () => {
    const a = await pairedDevice(branchA, `mgr-a-${kind}`);
    const b = await pairedDevice(branchB, `mgr-b-${kind}`);
    const [x, y] = items as [SeededItem, SeededItem];
    await until('A to see its opening stock', () => shown(a, x.batchId) === 10 && shown(a, y.batchId) === 10);

    // A is offline when the manager sends: the stock leaves A's shelves at once, the mutation waits.
    a.offline = true;
    b.offline = true;
    const destinations = await a.value<{ id: string }[]>('transfers.branches');
    expect(destinations.map((d) => d.id)).toContain(branchB);
    const sent = await a.value<TransferView>('transfers.send', {
      toBranchId: branchB,
      note: 'Top-up for the weekend',
      lines: [{ batchId: x.batchId, qty: 6 }, { batchId: y.batchId, qty: 3 }],
    });
    expect(sent).toMatchObject({ status: 'in_transit', pendingSync: true });
    expect([shown(a, x.batchId), shown(a, y.batchId)]).toEqual([4, 7]);
    await new Promise((r) => setTimeout(r, 300));
    expect(await level(branchA, x.batchId)).toBe(10);
    expect(await pending(a)).toBe(1);

    // A comes back online: the send reaches the server; B is still offline and sees nothing.
    a.offline = false;
    await a.value('sync.now');
    await until('A’s queue to drain', async () => (await pending(a)) === 0);
    expect([await level(branchA, x.batchId), await level(branchA, y.batchId)]).toEqual([4, 7]);
    const onServer = await server.db.query<{ status: string; to_branch_id: string }>('SELECT status, to_branch_id FROM stock_transfers WHERE id = $1', [sent.transferId]);
    expect(onServer.rows).toEqual([{ status: 'in_transit', to_branch_id: branchB }]);
    expect((await lists(b)).incoming).toEqual([]);
    // A's shown stock is now the server's level, its movement confirmed, not counted twice.
    await until('A’s movements to be confirmed', () => shown(a, x.batchId) === 4 && shown(a, y.batchId) === 7);

    // B comes online, pulls the transfer and receives it: one of x arrived broken, y in full.
    b.offline = false;
    await b.value('sync.now');
    await until('B to pull the transfer', async () => (await lists(b)).incoming.length === 1);
    const incoming = (await lists(b)).incoming[0] as TransferView;
    expect(incoming).toMatchObject({ transferId: sent.transferId, direction: 'in', status: 'in_transit', note: 'Top-up for the weekend', sentByName: `mgr-a-${kind}`, totalSentQty: 9 });
    expect(incoming.fromBranch.id).toBe(branchA);
    expect([shown(b, x.batchId), shown(b, y.batchId)]).toEqual([0, 0]);
    b.offline = true; // B receives offline too
    const received = await b.value<TransferView>('transfers.receive', { transferId: sent.transferId, note: 'One bottle broken', lines: [{ batchId: x.batchId, receivedQty: 5 }] });
    expect(received).toMatchObject({ status: 'received_with_difference', totalReceivedQty: 8, pendingSync: true });
    expect([shown(b, x.batchId), shown(b, y.batchId)]).toEqual([5, 3]);
    b.offline = false;
    await b.value('sync.now');
    await until('B’s queue to drain', async () => (await pending(b)) === 0);

    // The server: A −sent, B +received, every level the sum of its movements, the difference kept.
    expect([await level(branchA, x.batchId), await level(branchA, y.batchId)]).toEqual([4, 7]);
    expect([await level(branchB, x.batchId), await level(branchB, y.batchId)]).toEqual([5, 3]);
    for (const branch of [branchA, branchB]) for (const item of [x, y]) expect(await level(branch, item.batchId)).toBe(await ledger(branch, item.batchId));
    const t = await server.db.query<{ status: string; received_note: string }>('SELECT status, received_note FROM stock_transfers WHERE id = $1', [sent.transferId]);
    expect(t.rows).toEqual([{ status: 'received_with_difference', received_note: 'One bottle broken' }]);
    const lines = await server.db.query<{ qty: number; received_qty: number }>('SELECT qty, received_qty FROM stock_transfer_lines WHERE transfer_id = $1 ORDER BY line_no', [sent.transferId]);
    expect(lines.rows).toEqual([{ qty: 6, received_qty: 5 }, { qty: 3, received_qty: 3 }]);
    const anomaly = await server.db.query<{ kind: string; branch_id: string }>('SELECT kind, branch_id FROM anomalies WHERE ref_id = $1', [sent.transferId]);
    expect(anomaly.rows).toEqual([{ kind: 'stock.transfer_difference', branch_id: branchB }]);

    // Both devices: the right stock, confirmed against the server, and the difference on screen.
    await until('B’s movements to be confirmed', () => shown(b, x.batchId) === 5 && shown(b, y.batchId) === 3);
    const bView = (await lists(b)).incoming[0] as TransferView;
    expect(bView).toMatchObject({ status: 'received_with_difference', pendingSync: false });
    expect(bView.lines.map((l) => l.differenceQty)).toEqual([1, 0]);
    await a.value('sync.now');
    await until('A to pull the receipt', async () => (await lists(a)).sent[0]?.status === 'received_with_difference');
    const aView = (await lists(a)).sent[0] as TransferView;
    expect(aView).toMatchObject({ transferId: sent.transferId, pendingSync: false, receivedByName: `mgr-b-${kind}`, receivedNote: 'One bottle broken', totalReceivedQty: 8 });
    expect(aView.lines.map((l) => [l.qty, l.receivedQty, l.differenceQty])).toEqual([[6, 5, 1], [3, 3, 0]]);
    expect([shown(a, x.batchId), shown(a, y.batchId)]).toEqual([4, 7]);
    await a.core.close();
    await b.core.close();
  });

  it('lets two counters of B receive one transfer offline: the first to sync stands, stock enters once, the second converges to it', async () => {
    const a = await pairedDevice(branchA, `mgr-a-${kind}`);
    const b1 = await pairedDevice(branchB, `mgr-b-${kind}`);
    const b2 = await pairedDevice(branchB, `mgr-b-${kind}`);
    const z = items[4] as SeededItem;
    await until('A to see its stock', () => shown(a, z.batchId) === 10);
    const sent = await a.value<TransferView>('transfers.send', { toBranchId: branchB, lines: [{ batchId: z.batchId, qty: 6 }] });
    await until('A’s queue to drain', async () => (await pending(a)) === 0);
    for (const d of [b1, b2]) {
      await d.value('sync.now');
      await until('B’s counters to pull the transfer', async () => (await lists(d)).incoming.some((t) => t.transferId === sent.transferId));
      d.offline = true;
    }
    await b1.value('transfers.receive', { transferId: sent.transferId, note: 'One missing', lines: [{ batchId: z.batchId, receivedQty: 5 }] });
    await b2.value('transfers.receive', { transferId: sent.transferId, note: '', lines: [] });
    expect([shown(b1, z.batchId), shown(b2, z.batchId)]).toEqual([5, 6]);

    b1.offline = false;
    await b1.value('sync.now');
    await until('B1’s queue to drain', async () => (await pending(b1)) === 0);
    b2.offline = false;
    await b2.value('sync.now');
    await until('B2’s queue to drain', async () => (await pending(b2)) === 0);

    expect(await level(branchB, z.batchId)).toBe(5);
    expect(await level(branchB, z.batchId)).toBe(await ledger(branchB, z.batchId));
    const kinds = await server.db.query<{ kind: string }>('SELECT kind FROM anomalies WHERE ref_id = $1 ORDER BY kind', [sent.transferId]);
    expect(kinds.rows.map((r) => r.kind)).toEqual(['stock.transfer_difference', 'stock.transfer_received_twice']);
    // The second counter's own receive is confirmed against the server's level: it shows 5, not 6.
    await until('B2 to converge', () => shown(b2, z.batchId) === 5, 10_000);
    await until('B2 to show B1’s count', async () => (await lists(b2)).incoming.find((t) => t.transferId === sent.transferId)?.totalReceivedQty === 5);
    expect((await lists(b2)).incoming.find((t) => t.transferId === sent.transferId)).toMatchObject({ status: 'received_with_difference', receivedNote: 'One missing', pendingSync: false });
    expect(shown(b1, z.batchId)).toBe(5);
    for (const d of [a, b1, b2]) await d.core.close();
  });
});
