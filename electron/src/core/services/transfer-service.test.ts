import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TransferView } from '../../../../shared/src/api/transfers-api.js';
import { withoutForeignKeys, applyChanges } from '../sync/replica.js';
import { client, copyOf, makeTemplate, removeTestDirs, type TestClient } from '../testing/demo-store.js';
import { openStore, type Db } from '../store/open-store.js';

let template = '';
beforeAll(async () => {
  template = await makeTemplate(50);
});
const opened: Db[] = [];
afterAll(() => {
  for (const db of opened) db.close();
  removeTestDirs();
});

const MANAGER = 'Meera Iyer';
const CASHIER = 'Asha Nair';

interface Fixture {
  c: TestClient;
  db: Db;
  blr: string;
  pun: string;
  batch: { batch_id: string; product_id: string; qty: number };
}

async function setUp(who = MANAGER): Promise<Fixture> {
  const file = copyOf(template);
  const c = client(file);
  await c.loginAs(who);
  // A second connection to the same store: reads what the core wrote, and applies pulled pages.
  const db = openStore(file);
  opened.push(db);
  const blr = (db.prepare(`SELECT branch_id FROM device`).get() as { branch_id: string }).branch_id;
  const pun = (db.prepare(`SELECT id FROM branches WHERE id <> ?`).get(blr) as { id: string }).id;
  const batch = db.prepare(`SELECT batch_id, product_id, qty FROM batch_stock WHERE qty >= 10 ORDER BY batch_id LIMIT 1`).get() as Fixture['batch'];
  return { c, db, blr, pun, batch };
}

const shown = (db: Db, batchId: string): number => (db.prepare(`SELECT qty FROM batch_stock WHERE batch_id = ?`).get(batchId) as { qty: number } | undefined)?.qty ?? 0;
const queued = (db: Db, type: string): { payload: string; actor_id: string }[] => db.prepare(`SELECT payload, actor_id FROM sync_queue WHERE type = ?`).all(type) as never;
const ledgerMismatches = (db: Db): number =>
  (db.prepare(`SELECT COUNT(*) AS n FROM batch_stock s WHERE s.qty <> (SELECT COALESCE(SUM(qty), 0) FROM stock_movements m WHERE m.batch_id = s.batch_id)`).get() as { n: number }).n;

/** A pulled party row, as the server's feed builds it (sync-server migrations/017_transfers.sql). */
function partyRow(f: Fixture, transferId: string, status: string, qty: number, receivedQty: number | null = null) {
  const b = f.db.prepare(`SELECT batch_no, expiry, cost_paise, mrp_paise FROM batches WHERE id = ?`).get(f.batch.batch_id) as { batch_no: string; expiry: string; cost_paise: number; mrp_paise: number };
  return {
    table: 'stock_transfer_parties',
    op: 'upsert' as const,
    row: {
      id: `${transferId}-in`,
      transferId,
      branchId: f.blr,
      side: 'in',
      transfer: {
        fromBranchId: f.pun, toBranchId: f.blr, status, note: 'From Pune', sentBy: 'x', sentByName: 'Priya Deshpande', sentAt: '2026-11-23T09:00:00.000Z',
        receivedBy: null, receivedByName: null, receivedAt: null, receivedNote: null,
        lines: [{ lineNo: 1, productId: f.batch.product_id, batchId: f.batch.batch_id, batchNo: b.batch_no, expiry: b.expiry, costPaise: b.cost_paise, mrpPaise: b.mrp_paise, qty, receivedQty }],
      },
    },
    pos: '1:1',
  };
}

describe('sending a transfer', () => {
  it('takes the stock out of this branch, records the transfer in transit and queues stock.transfer.sent, in one transaction', async () => {
    const f = await setUp();
    const before = shown(f.db, f.batch.batch_id);
    const view = await f.c.value<TransferView>('transfers.send', { toBranchId: f.pun, note: '  For the weekend  ', lines: [{ batchId: f.batch.batch_id, qty: 4 }] });
    expect(shown(f.db, f.batch.batch_id)).toBe(before - 4);
    expect(ledgerMismatches(f.db)).toBe(0);
    expect(view).toMatchObject({ direction: 'out', status: 'in_transit', pendingSync: true, note: 'For the weekend', sentByName: MANAGER, totalSentQty: 4, totalReceivedQty: null });
    expect(view.toBranch.id).toBe(f.pun);
    const [m] = queued(f.db, 'stock.transfer.sent');
    const payload = JSON.parse(m?.payload ?? '{}') as Record<string, unknown>;
    const b = f.db.prepare(`SELECT batch_no, expiry, cost_paise, mrp_paise FROM batches WHERE id = ?`).get(f.batch.batch_id) as Record<string, unknown>;
    expect(payload).toEqual({
      transferId: view.transferId, toBranchId: f.pun, note: 'For the weekend',
      lines: [{ productId: f.batch.product_id, batchId: f.batch.batch_id, batchNo: b.batch_no, expiry: b.expiry, costPaise: b.cost_paise, mrpPaise: b.mrp_paise, qty: 4 }],
    });
    const movement = f.db.prepare(`SELECT kind, qty, ref_id, mutation_id IS NOT NULL AS linked FROM stock_movements WHERE ref_id = ?`).all(view.transferId);
    expect(movement).toEqual([{ kind: 'transfer_out', qty: -4, ref_id: view.transferId, linked: 1 }]);
    const list = await f.c.value<{ sent: TransferView[]; incoming: TransferView[] }>('transfers.list');
    expect(list.sent.map((t) => t.transferId)).toEqual([view.transferId]);
    expect(list.incoming).toEqual([]);
    await f.c.core.close();
  });

  it('lists the other branches as destinations, never this one', async () => {
    const f = await setUp();
    const branches = await f.c.value<{ id: string; code: string }[]>('transfers.branches');
    expect(branches.map((b) => b.code)).toEqual(['PUN']);
    await f.c.core.close();
  });

  it.each([
    ['more than the branch has', (f: Fixture) => ({ toBranchId: f.pun, lines: [{ batchId: f.batch.batch_id, qty: f.batch.qty + 1 }] }), 'stock.insufficient'],
    ['this branch as destination', (f: Fixture) => ({ toBranchId: f.blr, lines: [{ batchId: f.batch.batch_id, qty: 1 }] }), 'transfer.branch_invalid'],
    ['an unknown branch', (f: Fixture) => ({ toBranchId: 'nope', lines: [{ batchId: f.batch.batch_id, qty: 1 }] }), 'transfer.branch_invalid'],
    ['no lines', (f: Fixture) => ({ toBranchId: f.pun, lines: [] }), 'input.invalid'],
    ['one batch twice', (f: Fixture) => ({ toBranchId: f.pun, lines: [{ batchId: f.batch.batch_id, qty: 1 }, { batchId: f.batch.batch_id, qty: 1 }] }), 'input.invalid'],
    ['an unknown batch', (f: Fixture) => ({ toBranchId: f.pun, lines: [{ batchId: 'nope', qty: 1 }] }), 'stock.batch_unknown'],
  ])('refuses %s and changes nothing', async (_what, args, code) => {
    const f = await setUp();
    const before = shown(f.db, f.batch.batch_id);
    const r = await f.c.call('transfers.send', args(f));
    expect(r).toMatchObject({ ok: false, error: { code } });
    expect(shown(f.db, f.batch.batch_id)).toBe(before);
    expect(queued(f.db, 'stock.transfer.sent')).toEqual([]);
    await f.c.core.close();
  });

  it('refuses a cashier: transfers are a manager’s', async () => {
    const f = await setUp(CASHIER);
    expect(await f.c.call('transfers.send', { toBranchId: f.pun, lines: [{ batchId: f.batch.batch_id, qty: 1 }] })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    expect(await f.c.call('transfers.list')).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    await f.c.core.close();
  });
});

describe('receiving a transfer', () => {
  it('lists a pulled incoming transfer, receives it with a difference: the received packs enter, stock.transfer.received is queued', async () => {
    const f = await setUp();
    const transferId = '01900000-0000-7000-8000-000000000001';
    withoutForeignKeys(f.db, () => applyChanges(f.db, [partyRow(f, transferId, 'in_transit', 6)], '2026-11-24T05:00:00.000Z'));
    const list = await f.c.value<{ incoming: TransferView[] }>('transfers.list');
    expect(list.incoming).toMatchObject([{ transferId, direction: 'in', status: 'in_transit', pendingSync: false, sentByName: 'Priya Deshpande', totalSentQty: 6 }]);
    expect(list.incoming[0]?.fromBranch.code).toBe('PUN');
    const before = shown(f.db, f.batch.batch_id);
    const view = await f.c.value<TransferView>('transfers.receive', { transferId, note: 'One short', lines: [{ batchId: f.batch.batch_id, receivedQty: 5 }] });
    expect(view).toMatchObject({ status: 'received_with_difference', pendingSync: true, receivedByName: MANAGER, receivedNote: 'One short', totalReceivedQty: 5 });
    expect(view.lines[0]).toMatchObject({ qty: 6, receivedQty: 5, differenceQty: 1 });
    expect(shown(f.db, f.batch.batch_id)).toBe(before + 5);
    expect(ledgerMismatches(f.db)).toBe(0);
    expect(JSON.parse(queued(f.db, 'stock.transfer.received')[0]?.payload ?? '{}')).toEqual({ transferId, note: 'One short', lines: [{ batchId: f.batch.batch_id, receivedQty: 5 }] });
    expect(await f.c.call('transfers.receive', { transferId, lines: [] })).toMatchObject({ ok: false, error: { code: 'transfer.already_received' } });
    expect(shown(f.db, f.batch.batch_id)).toBe(before + 5);
    // An older copy of the document (from before the push) does not put it back in transit.
    withoutForeignKeys(f.db, () => applyChanges(f.db, [partyRow(f, transferId, 'in_transit', 6)], '2026-11-24T05:01:00.000Z'));
    expect((await f.c.value<{ incoming: TransferView[] }>('transfers.list')).incoming[0]).toMatchObject({ status: 'received_with_difference', totalReceivedQty: 5 });
    await f.c.core.close();
  });

  it('receives a line not named as sent, and refuses a transfer this branch sent or does not know', async () => {
    const f = await setUp();
    const transferId = '01900000-0000-7000-8000-000000000002';
    withoutForeignKeys(f.db, () => applyChanges(f.db, [partyRow(f, transferId, 'in_transit', 2)], '2026-11-24T05:00:00.000Z'));
    const before = shown(f.db, f.batch.batch_id);
    expect(await f.c.call('transfers.receive', { transferId, lines: [{ batchId: 'other', receivedQty: 1 }] })).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
    expect(await f.c.value<TransferView>('transfers.receive', { transferId, lines: [] })).toMatchObject({ status: 'received', totalReceivedQty: 2 });
    expect(shown(f.db, f.batch.batch_id)).toBe(before + 2);
    const out = await f.c.value<TransferView>('transfers.send', { toBranchId: f.pun, lines: [{ batchId: f.batch.batch_id, qty: 1 }] });
    expect(await f.c.call('transfers.receive', { transferId: out.transferId, lines: [] })).toMatchObject({ ok: false, error: { code: 'transfer.unknown' } });
    expect(await f.c.call('transfers.receive', { transferId: 'nope', lines: [] })).toMatchObject({ ok: false, error: { code: 'transfer.unknown' } });
    await f.c.core.close();
  });
});
