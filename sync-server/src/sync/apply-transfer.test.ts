import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, settleFeed } from '../test-support/test-db.js';
import { call, createBranch, createStaff, pairDevice, startTestServer, type PairedDevice, type TestServer } from '../test-support/test-app.js';
import { newUuid, seedCatalogue, type SeededItem, type TestMutation } from '../test-support/catalogue.js';

type Result = { id: string; status: string; code?: string; message?: string };
type Change = { table: string; op: string; row: Record<string, unknown> };

let seq = 1_000_000;
const sent = (actorId: string, toBranchId: string, lines: { item: SeededItem; qty: number }[], payload: Record<string, unknown> = {}): TestMutation => ({
  id: newUuid(),
  seq: ++seq,
  type: 'stock.transfer.sent',
  at: new Date().toISOString(),
  actorId,
  payload: {
    transferId: newUuid(),
    toBranchId,
    note: 'Weekly top-up',
    lines: lines.map(({ item, qty }) => ({ productId: item.productId, batchId: item.batchId, batchNo: 'B0', expiry: '2030-12-31', costPaise: 5000, mrpPaise: item.mrpPaise, qty })),
    ...payload,
  },
});
const received = (actorId: string, transferId: unknown, lines: { batchId: string; receivedQty: number }[], note = ''): TestMutation => ({
  id: newUuid(),
  seq: ++seq,
  type: 'stock.transfer.received',
  at: new Date().toISOString(),
  actorId,
  payload: { transferId, note, lines },
});

describe.each(BACKENDS)('stock.transfer.sent and stock.transfer.received on %s', (kind) => {
  let server: TestServer;
  let branchA: string;
  let branchB: string;
  let branchC: string;
  let deviceA: PairedDevice;
  let deviceB: PairedDevice;
  let deviceB2: PairedDevice;
  let deviceC: PairedDevice;
  let managerA: string;
  let cashierA: string;
  let managerB: string;
  let pharmacistB: string;
  let managerC: string;
  let items: SeededItem[];

  const push = async (mutations: TestMutation[], device: PairedDevice): Promise<Result[]> => {
    const res = await call(server.app, 'POST', '/v1/sync/push', { mutations }, device.accessToken);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { results: Result[] }).results;
  };
  const level = async (branchId: string, batchId: string): Promise<number> =>
    Number((await server.db.query<{ qty: number }>('SELECT qty FROM stock_levels WHERE branch_id = $1 AND batch_id = $2', [branchId, batchId])).rows[0]?.qty ?? 0);
  const movementSum = async (branchId: string, batchId: string): Promise<number> =>
    Number((await server.db.query<{ s: string }>('SELECT COALESCE(SUM(qty), 0)::text AS s FROM stock_movements WHERE branch_id = $1 AND batch_id = $2', [branchId, batchId])).rows[0]?.s);
  const anomalies = async (refId: unknown): Promise<{ kind: string; details: Record<string, unknown> }[]> =>
    (await server.db.query<{ kind: string; details: Record<string, unknown> }>('SELECT kind, details FROM anomalies WHERE ref_id = $1 ORDER BY kind', [refId])).rows;
  const pullAll = async (device: PairedDevice): Promise<Change[]> => {
    await settleFeed(server.db);
    const res = await call(server.app, 'GET', '/v1/sync/pull?limit=5000', undefined, device.accessToken);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { changes: Change[] }).changes;
  };
  const partyRows = async (device: PairedDevice, transferId: unknown): Promise<Change[]> =>
    (await pullAll(device)).filter((c) => c.table === 'stock_transfer_parties' && c.row.transferId === transferId);

  beforeAll(async () => {
    server = await startTestServer(kind);
    branchA = await createBranch(server, 'TR-A');
    branchB = await createBranch(server, 'TR-B');
    branchC = await createBranch(server, 'TR-C');
    deviceA = await pairDevice(server, branchA, 'A1');
    deviceB = await pairDevice(server, branchB, 'B1');
    deviceB2 = await pairDevice(server, branchB, 'B2');
    deviceC = await pairDevice(server, branchC, 'C1');
    managerA = (await createStaff(server, { username: 'tr-manager-a', role: 'manager', branchIds: [branchA] })).id;
    cashierA = (await createStaff(server, { username: 'tr-cashier-a', role: 'cashier', branchIds: [branchA] })).id;
    managerB = (await createStaff(server, { username: 'tr-manager-b', role: 'manager', branchIds: [branchB] })).id;
    pharmacistB = (await createStaff(server, { username: 'tr-pharmacist-b', role: 'pharmacist', branchIds: [branchB] })).id;
    managerC = (await createStaff(server, { username: 'tr-manager-c', role: 'manager', branchIds: [branchC] })).id;
    items = await seedCatalogue(server.db, { count: 6, branchIds: [branchA], openingQty: 20 });
  });
  afterAll(() => server.close());

  it('moves the stock out of the sender, records the transfer in transit and puts it on both branches’ feeds, not a third', async () => {
    const [a, b] = items as [SeededItem, SeededItem];
    const m = sent(managerA, branchB, [{ item: a, qty: 5 }, { item: b, qty: 3 }]);
    expect(await push([m], deviceA)).toMatchObject([{ status: 'applied' }]);
    expect([await level(branchA, a.batchId), await level(branchA, b.batchId)]).toEqual([15, 17]);
    expect(await level(branchB, a.batchId)).toBe(0);
    const t = await server.db.query('SELECT from_branch_id, to_branch_id, status, sent_device_id FROM stock_transfers WHERE id = $1', [m.payload.transferId]);
    expect(t.rows).toEqual([{ from_branch_id: branchA, to_branch_id: branchB, status: 'in_transit', sent_device_id: deviceA.deviceId }]);
    const atB = await partyRows(deviceB, m.payload.transferId);
    expect(atB).toHaveLength(1);
    expect(atB[0]?.row).toMatchObject({ side: 'in', branchId: branchB, transfer: { fromBranchId: branchA, toBranchId: branchB, status: 'in_transit', sentByName: 'tr-manager-a', note: 'Weekly top-up' } });
    const lines = (atB[0]?.row.transfer as { lines: unknown[] }).lines;
    expect(lines).toEqual([
      { lineNo: 1, productId: a.productId, batchId: a.batchId, batchNo: 'B0', expiry: '2030-12-31', costPaise: 5000, mrpPaise: a.mrpPaise, qty: 5, receivedQty: null },
      { lineNo: 2, productId: b.productId, batchId: b.batchId, batchNo: 'B0', expiry: '2030-12-31', costPaise: 5000, mrpPaise: b.mrpPaise, qty: 3, receivedQty: null },
    ]);
    expect((await partyRows(deviceA, m.payload.transferId)).map((c) => c.row.side)).toEqual(['out']);
    expect(await partyRows(deviceC, m.payload.transferId)).toEqual([]);
    expect((await server.db.query(`SELECT 1 FROM outbox WHERE aggregate_id = $1 AND type = 'stock.transfer.sent'`, [m.payload.transferId])).rows).toHaveLength(1);
  });

  it('receives with a difference: the received packs enter the destination, the difference stays on the lines, the status and an anomaly, and both sides pull it', async () => {
    const [, , c, d] = items as [SeededItem, SeededItem, SeededItem, SeededItem];
    const s = sent(managerA, branchB, [{ item: c, qty: 6 }, { item: d, qty: 4 }]);
    await push([s], deviceA);
    const r = received(managerB, s.payload.transferId, [{ batchId: c.batchId, receivedQty: 5 }], 'One bottle broken');
    expect(await push([r], deviceB)).toMatchObject([{ status: 'applied' }]);
    expect([await level(branchB, c.batchId), await level(branchB, d.batchId)]).toEqual([5, 4]);
    expect([await level(branchA, c.batchId), await level(branchA, d.batchId)]).toEqual([14, 16]);
    for (const [branch, item] of [[branchA, c], [branchB, c], [branchA, d], [branchB, d]] as const) expect(await level(branch, item.batchId)).toBe(await movementSum(branch, item.batchId));
    const t = await server.db.query('SELECT status, received_by, received_note, received_device_id FROM stock_transfers WHERE id = $1', [s.payload.transferId]);
    expect(t.rows).toEqual([{ status: 'received_with_difference', received_by: managerB, received_note: 'One bottle broken', received_device_id: deviceB.deviceId }]);
    expect(await anomalies(s.payload.transferId)).toEqual([
      { kind: 'stock.transfer_difference', details: { fromBranchId: branchA, lines: [{ batchId: c.batchId, sentQty: 6, receivedQty: 5, differenceQty: 1 }] } },
    ]);
    for (const device of [deviceA, deviceB]) {
      const [row] = await partyRows(device, s.payload.transferId);
      expect(row?.row.transfer).toMatchObject({ status: 'received_with_difference', receivedByName: 'tr-manager-b', receivedNote: 'One bottle broken' });
      expect((row?.row.transfer as { lines: { receivedQty: number }[] }).lines.map((l) => l.receivedQty)).toEqual([5, 4]);
    }
  });

  it('refuses a receive from a device of another branch, or by a pharmacist, and keeps the transfer in transit', async () => {
    const [, , , , e] = items as SeededItem[] as [SeededItem, SeededItem, SeededItem, SeededItem, SeededItem];
    const s = sent(managerA, branchB, [{ item: e, qty: 2 }]);
    await push([s], deviceA);
    expect(await push([received(managerC, s.payload.transferId, [])], deviceC)).toMatchObject([{ status: 'rejected', code: 'auth.forbidden' }]);
    expect(await push([received(pharmacistB, s.payload.transferId, [])], deviceB)).toMatchObject([{ status: 'rejected', code: 'auth.forbidden' }]);
    expect(await level(branchC, e.batchId)).toBe(0);
    expect(await level(branchB, e.batchId)).toBe(0);
    expect((await server.db.query<{ status: string }>('SELECT status FROM stock_transfers WHERE id = $1', [s.payload.transferId])).rows[0]?.status).toBe('in_transit');
  });

  it('refuses a send by a cashier, to the own branch, to an unknown branch, or naming a batch twice', async () => {
    const [a] = items as [SeededItem];
    const before = await level(branchA, a.batchId);
    expect(await push([sent(cashierA, branchB, [{ item: a, qty: 1 }])], deviceA)).toMatchObject([{ status: 'rejected', code: 'auth.forbidden' }]);
    expect(await push([sent(managerA, branchA, [{ item: a, qty: 1 }])], deviceA)).toMatchObject([{ status: 'rejected', code: 'input.invalid' }]);
    expect(await push([sent(managerA, newUuid(), [{ item: a, qty: 1 }])], deviceA)).toMatchObject([{ status: 'rejected', code: 'input.invalid' }]);
    expect(await push([sent(managerA, branchB, [{ item: a, qty: 1 }, { item: a, qty: 2 }])], deviceA)).toMatchObject([{ status: 'rejected', code: 'input.invalid', message: expect.stringMatching(/twice/) }]);
    expect(await push([sent(managerA, branchB, [{ item: a, qty: 1 }], { branchId: branchB })], deviceA)).toMatchObject([{ status: 'rejected', code: 'input.invalid' }]);
    expect(await level(branchA, a.batchId)).toBe(before);
  });

  it('answers a receive of a transfer the server does not know with transfer.unknown, and a receive naming an unsent batch with input.invalid', async () => {
    const [a, , , , , f] = items as SeededItem[] as [SeededItem, SeededItem, SeededItem, SeededItem, SeededItem, SeededItem];
    expect(await push([received(managerB, newUuid(), [])], deviceB)).toMatchObject([{ status: 'rejected', code: 'transfer.unknown' }]);
    const s = sent(managerA, branchB, [{ item: f, qty: 1 }]);
    await push([s], deviceA);
    expect(await push([received(managerB, s.payload.transferId, [{ batchId: a.batchId, receivedQty: 1 }])], deviceB)).toMatchObject([{ status: 'rejected', code: 'input.invalid' }]);
  });

  it('applies a send once under one mutation id and one transfer id, and a second receive by another counter is a duplicate that moves nothing', async () => {
    const [, b] = items as [SeededItem, SeededItem];
    const s = sent(managerA, branchB, [{ item: b, qty: 2 }]);
    expect(await push([s], deviceA)).toMatchObject([{ status: 'applied' }]);
    expect(await push([s], deviceA)).toMatchObject([{ status: 'duplicate' }]);
    expect(await push([{ ...s, id: newUuid(), seq: ++seq }], deviceA)).toMatchObject([{ status: 'duplicate' }]);
    const atA = await level(branchA, b.batchId);
    expect(atA).toBe(await movementSum(branchA, b.batchId));
    const before = await level(branchB, b.batchId);
    expect(await push([received(managerB, s.payload.transferId, [])], deviceB)).toMatchObject([{ status: 'applied' }]);
    expect(await level(branchB, b.batchId)).toBe(before + 2);
    expect(await push([received(managerB, s.payload.transferId, [{ batchId: b.batchId, receivedQty: 1 }])], deviceB2)).toMatchObject([{ status: 'duplicate' }]);
    expect(await level(branchB, b.batchId)).toBe(before + 2);
    expect((await anomalies(s.payload.transferId)).map((x) => x.kind)).toEqual(['stock.transfer_received_twice']);
    expect((await server.db.query<{ status: string }>('SELECT status FROM stock_transfers WHERE id = $1', [s.payload.transferId])).rows[0]?.status).toBe('received');
  });

  it('records a send that takes the sender below zero, with a stock.negative anomaly (a fact is never refused)', async () => {
    const [, , , , e] = items as SeededItem[] as [SeededItem, SeededItem, SeededItem, SeededItem, SeededItem];
    const have = await level(branchA, e.batchId);
    const s = sent(managerA, branchB, [{ item: e, qty: have + 3 }]);
    expect(await push([s], deviceA)).toMatchObject([{ status: 'applied' }]);
    expect(await level(branchA, e.batchId)).toBe(-3);
    expect((await anomalies(s.payload.transferId)).map((x) => x.kind)).toEqual(['stock.negative']);
  });
});

describe.each(BACKENDS)('GET /v1/transfers on %s', (kind) => {
  let server: TestServer;
  let branchA: string;
  let branchB: string;
  let branchC: string;
  let managerToken: string;
  let managerCToken: string;
  let cashierToken: string;
  let transferId: unknown;

  beforeAll(async () => {
    server = await startTestServer(kind);
    branchA = await createBranch(server, 'TRO-A');
    branchB = await createBranch(server, 'TRO-B');
    branchC = await createBranch(server, 'TRO-C');
    const deviceA = await pairDevice(server, branchA, 'A1');
    const deviceB = await pairDevice(server, branchB, 'B1');
    const managerA = await createStaff(server, { username: 'tro-manager-a', role: 'manager', branchIds: [branchA] });
    const managerB = (await createStaff(server, { username: 'tro-manager-b', role: 'manager', branchIds: [branchB] })).id;
    managerToken = managerA.token;
    managerCToken = (await createStaff(server, { username: 'tro-manager-c', role: 'manager', branchIds: [branchC] })).token;
    cashierToken = (await createStaff(server, { username: 'tro-cashier-a', role: 'cashier', branchIds: [branchA] })).token;
    const [item] = (await seedCatalogue(server.db, { count: 1, branchIds: [branchA], openingQty: 20 })) as [SeededItem];
    const s = sent(managerA.id, branchB, [{ item, qty: 4 }]);
    transferId = s.payload.transferId;
    const r = received(managerB, transferId, [{ batchId: item.batchId, receivedQty: 3 }], 'Short one');
    for (const [m, d] of [[s, deviceA], [r, deviceB]] as const) {
      const res = await call(server.app, 'POST', '/v1/sync/push', { mutations: [m] }, d.accessToken);
      expect((res.json() as { results: Result[] }).results[0]?.status).toBe('applied');
    }
  });
  afterAll(() => server.close());

  it('lists every transfer for an admin with sent, received and the difference per line, filtered by status', async () => {
    const res = await call(server.app, 'GET', '/v1/transfers?status=received_with_difference', undefined, server.adminToken);
    expect(res.statusCode, res.body).toBe(200);
    const [t] = (res.json() as { transfers: Record<string, unknown>[] }).transfers;
    expect(t).toMatchObject({ id: transferId, status: 'received_with_difference', fromBranchCode: 'TRO-A', toBranchCode: 'TRO-B', receivedNote: 'Short one' });
    expect(t?.lines).toMatchObject([{ lineNo: 1, qty: 4, receivedQty: 3, differenceQty: 1 }]);
    const none = await call(server.app, 'GET', '/v1/transfers?status=in_transit', undefined, server.adminToken);
    expect((none.json() as { transfers: unknown[] }).transfers).toEqual([]);
  });

  it('shows a manager the transfers of their branches only, and refuses a cashier', async () => {
    const mine = await call(server.app, 'GET', '/v1/transfers', undefined, managerToken);
    expect((mine.json() as { transfers: { id: string }[] }).transfers.map((t) => t.id)).toEqual([transferId]);
    const other = await call(server.app, 'GET', '/v1/transfers', undefined, managerCToken);
    expect((other.json() as { transfers: unknown[] }).transfers).toEqual([]);
    expect((await call(server.app, 'GET', '/v1/transfers', undefined, cashierToken)).statusCode).toBe(403);
    expect((await call(server.app, 'GET', '/v1/transfers?colour=red', undefined, server.adminToken)).statusCode).toBe(400);
  });
});
