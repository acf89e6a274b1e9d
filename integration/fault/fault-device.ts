/**
 * One counter of a fault session: its host (in this process or a child), its own fault proxy,
 * its staff sessions, the operations the plan gives it, and the harness's record of what it did
 * (every completed sale, receipt, adjustment, customer) and of every push the server answered.
 * What "killing" it means is set out in fault-suite.test.ts; `kill` below does it.
 */
import { seededRandom, type FaultProxy, type HoldStage } from './fault-proxy.js';
import { openChild, openInProcess, readStore, writeStore, type ApiReply, type DeviceHost } from './device-host.js';
import type { DeviceKillMode, DevicePlan, Op } from './session-plan.js';

export type Role = 'cashier' | 'pharmacist' | 'manager';

export interface CatalogueItem {
  productId: string;
  batchId: string;
  mrpPaise: number;
}

export interface PushExchange {
  via: 'device' | 'duplicate' | 'replay';
  status: number | null;
  sent: { id: string; seq: number; type: string }[];
  results: { id: string; status: string; code?: string; message?: string }[];
}

export interface SessionShared {
  seed: number;
  catalogue: readonly CatalogueItem[];
  /** Customers created at any counter of the session (phones to look up and attach). */
  customers: { id: string; phone: string }[];
  stats: SessionCounters;
}

export interface SessionCounters {
  sales: number;
  localRefusals: number;
  receipts: number;
  adjustments: number;
  customers: number;
  voids: number;
  deviceKills: Record<DeviceKillMode, number>;
  /** Of those, real SIGKILLs of a device process. */
  deviceSigkills: number;
  killsSkipped: number;
  tokenExpiries: number;
  refreshes: number;
}

const LOTS = [
  { k: 0, expiry: '2029-06-30' },
  { k: 1, expiry: '2030-09-30' },
  { k: 2, expiry: '2032-01-31' },
];
const REASONS = ['damage', 'expiry_write_off', 'sample', 'correction'] as const;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const int = (r: () => number, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));

function pickDistinct<T>(r: () => number, items: readonly T[], n: number): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < n && pool.length > 0) out.push(pool.splice(int(r, 0, pool.length - 1), 1)[0] as T);
  return out;
}

function timeout<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  return Promise.race([promise, sleep(ms).then(() => null)]);
}

export class FaultDevice {
  host!: DeviceHost;
  deviceId = '';
  generation = 0;
  readonly pushLog: PushExchange[] = [];
  /** Sale id → quantity per product the harness asked for; voided when the harness voided it. */
  readonly sales = new Map<string, { qty: Map<string, number>; voided: boolean }>();
  readonly receipts = new Set<string>();
  readonly adjustments = new Set<string>();
  readonly customers = new Set<string>();
  /** After a kill with the answer held: these ids applied, every later answer must be `duplicate`. */
  readonly mustAnswerDuplicate: { ids: string[]; from: number }[] = [];
  /** Problems seen while running (checked again at the end). */
  readonly problems: string[] = [];
  private tokens = new Map<Role, string>();

  constructor(
    readonly name: string,
    readonly plan: DevicePlan,
    readonly file: string,
    readonly proxy: FaultProxy,
    readonly branchId: string,
    readonly staff: Record<Role, string>,
    private readonly shared: SessionShared,
  ) {
    proxy.onExchange = (e) => {
      const path = e.path.split('?')[0];
      if (path === '/v1/devices/token' && e.via === 'device') shared.stats.refreshes += 1;
      if (e.method !== 'POST' || path !== '/v1/sync/push') return;
      const sent = (JSON.parse(e.requestBody.toString()) as { mutations: { id: string; seq: number; type: string }[] }).mutations.map(({ id, seq, type }) => ({ id, seq, type }));
      let results: PushExchange['results'] = [];
      if (e.status === 200) results = (JSON.parse(e.responseBody.toString()) as { results: PushExchange['results'] }).results;
      this.pushLog.push({ via: e.via, status: e.status, sent, results });
    };
  }

  async open(): Promise<void> {
    const seed = (this.plan.clientSeed + this.generation * 7) >>> 0;
    this.host = this.plan.child && this.generation === 0 ? await openChild(this.file, seed, this.plan.sync) : openInProcess(this.file, seed, this.plan.sync);
    this.tokens.clear();
  }

  /** A dispatch as `role` (logged in on first use); `null` role = no session. */
  async call(role: Role | null, method: string, args: Record<string, unknown> = {}): Promise<ApiReply> {
    let token: string | null = null;
    if (role !== null) {
      token = this.tokens.get(role) ?? null;
      if (token === null) {
        const login = await this.host.dispatch({ method: 'auth.login', args: { staffId: this.staff[role], pin: '1234' }, sessionToken: null });
        if (!login.ok) throw new Error(`${this.name}: ${role} cannot log in: ${login.error.code} ${login.error.message}`);
        token = (login.value as { sessionToken: string }).sessionToken;
        this.tokens.set(role, token);
      }
    }
    return this.host.dispatch({ method, args, sessionToken: token });
  }

  async value<T>(role: Role | null, method: string, args: Record<string, unknown> = {}): Promise<T> {
    const reply = await this.call(role, method, args);
    if (!reply.ok) throw new Error(`${this.name}: ${method} → ${reply.error.code} ${reply.error.message}`);
    return reply.value as T;
  }

  async runOps(): Promise<void> {
    for (const [k, op] of this.plan.ops.entries()) {
      await this.run(op, k);
      if (this.plan.gapMs > 0) await sleep(this.plan.gapMs);
    }
  }

  private rng(op: { r: number }): () => number {
    return seededRandom(Math.floor(op.r * 2 ** 32));
  }

  private async run(op: Op, k: number): Promise<void> {
    switch (op.kind) {
      case 'sale':
        return this.sell(this.rng(op), `${this.shared.seed}-${this.name}-${k}`);
      case 'receive':
        return this.receive(this.rng(op), k);
      case 'adjust':
        return this.adjust(this.rng(op));
      case 'customer':
        return this.createCustomer(this.rng(op), k);
      case 'void':
        return this.voidSale(this.rng(op));
      case 'pause':
        return sleep(op.ms);
      case 'expire-token':
        this.shared.stats.tokenExpiries += 1;
        return writeStore(this.file, /* sql */ `UPDATE sync_link SET access_expires_ms = 0`);
      case 'kill':
        return this.kill(op.mode, k);
    }
  }

  private async saleRequest(r: () => number, requestId: string): Promise<{ args: Record<string, unknown>; qty: Map<string, number> } | null> {
    const items = pickDistinct(r, this.shared.catalogue, int(r, 1, 3));
    const lines = items.map((item, i) => ({ lineId: `l${i}`, productId: item.productId, qty: int(r, 1, 3), discountPaise: 0 }));
    let customerId: string | null = null;
    const known = this.shared.customers;
    if (known.length > 0 && r() < 0.3) {
      const found = await this.call('cashier', 'customer.findByPhone', { phone: (known[int(r, 0, known.length - 1)] as { phone: string }).phone });
      if (found.ok && found.value !== null) customerId = (found.value as { id: string }).id;
    }
    const quote = await this.call('cashier', 'sale.quote', { lines, customerId });
    if (!quote.ok || !(quote.value as { sellable: boolean }).sellable) return null;
    const total = (quote.value as { totals: { totalPaise: number } }).totals.totalPaise;
    return {
      args: { clientRequestId: requestId, lines, customerId, payments: [{ method: 'cash', amountPaise: total }] },
      qty: new Map(lines.map((l) => [l.productId, l.qty])),
    };
  }

  private async sell(r: () => number, requestId: string): Promise<void> {
    const request = await this.saleRequest(r, requestId);
    if (request === null) {
      this.shared.stats.localRefusals += 1;
      return;
    }
    await this.complete(request);
  }

  /** Completes the sale (a repeated request id gives the first sale back); its id, or null if refused. */
  private async complete(request: { args: Record<string, unknown>; qty: Map<string, number> }): Promise<string | null> {
    const done = await this.call('cashier', 'sale.complete', request.args);
    if (!done.ok) {
      this.shared.stats.localRefusals += 1;
      return null;
    }
    const saleId = (done.value as { saleId: string }).saleId;
    if (!this.sales.has(saleId)) this.shared.stats.sales += 1;
    this.sales.set(saleId, { qty: request.qty, voided: false });
    return saleId;
  }

  private async receive(r: () => number, k: number): Promise<void> {
    const items = pickDistinct(r, this.shared.catalogue, int(r, 1, 2));
    const lines = items.map((item) => {
      const lot = LOTS[int(r, 0, LOTS.length - 1)] as (typeof LOTS)[number];
      return { productId: item.productId, batchNo: `F${this.shared.seed}-${lot.k}`, expiry: lot.expiry, qty: int(r, 0, 12), freeQty: int(r, 0, 2), costPaise: 2_000, mrpPaise: item.mrpPaise };
    });
    for (const l of lines) if (l.qty + l.freeQty === 0) l.qty = 1;
    const reply = await this.call('pharmacist', 'stock.receive', { supplier: 'SBL Pvt Ltd', supplierInvoiceNo: `SUP-${this.shared.seed}-${this.name}-${k}`, supplierInvoiceDate: '2026-11-20', lines });
    if (!reply.ok) throw new Error(`${this.name}: stock.receive → ${reply.error.code} ${reply.error.message}`);
    this.receipts.add((reply.value as { receiptId: string }).receiptId);
    this.shared.stats.receipts += 1;
  }

  private async adjust(r: () => number): Promise<void> {
    const item = this.shared.catalogue[int(r, 0, this.shared.catalogue.length - 1)] as CatalogueItem;
    const batches = await this.value<{ batchId: string; qty: number }[]>('manager', 'catalog.batches', { productId: item.productId });
    const inStock = batches.filter((b) => b.qty > 0);
    const choices = inStock.length > 0 ? inStock : batches;
    const batch = choices[int(r, 0, choices.length - 1)];
    if (batch === undefined) return;
    const qtyDelta = [-2, -1, 1, 2, 3][int(r, 0, 4)] as number;
    const reply = await this.call('manager', 'stock.adjust', { reason: REASONS[int(r, 0, REASONS.length - 1)], note: 'fault suite', lines: [{ batchId: batch.batchId, qtyDelta }] });
    if (!reply.ok) throw new Error(`${this.name}: stock.adjust → ${reply.error.code} ${reply.error.message}`);
    this.adjustments.add((reply.value as { adjustmentId: string }).adjustmentId);
    this.shared.stats.adjustments += 1;
  }

  private async createCustomer(r: () => number, k: number): Promise<void> {
    const phone = `${int(r, 6, 9)}${String(int(r, 0, 999_999_999)).padStart(9, '0')}`;
    const reply = await this.call('cashier', 'customer.create', { phone, name: `Customer ${this.shared.seed}-${this.name}-${k}` });
    if (!reply.ok) return; // the phone is already on file here: nothing queued
    const id = (reply.value as { id: string }).id;
    this.customers.add(id);
    this.shared.customers.push({ id, phone });
    this.shared.stats.customers += 1;
  }

  private async voidSale(r: () => number): Promise<void> {
    const open = [...this.sales.entries()].filter(([, s]) => !s.voided);
    if (open.length === 0) return;
    const [saleId, sale] = open[int(r, 0, open.length - 1)] as [string, { voided: boolean }];
    const reply = await this.call('manager', 'sale.void', { saleId, reason: 'fault suite void', managerStaffId: this.staff.manager, managerPin: '1234' });
    if (!reply.ok) throw new Error(`${this.name}: sale.void → ${reply.error.code} ${reply.error.message}`);
    sale.voided = true;
    this.shared.stats.voids += 1;
  }

  /** Kills the device (see the header) and reopens its store with a new app core. */
  private async kill(mode: DeviceKillMode, k: number): Promise<void> {
    const r = seededRandom((this.plan.clientSeed ^ (k * 2_654_435_761)) >>> 0);
    if (mode === 'random-instant') {
      const request = await this.saleRequest(r, `${this.shared.seed}-${this.name}-${k}-kill`);
      let answer: ApiReply | null = null;
      const inFlight = request === null ? Promise.resolve() : this.call('cashier', 'sale.complete', request.args).then((a) => void (answer = a), () => undefined);
      await sleep(int(r, 0, 15));
      await this.host.kill();
      this.shared.stats.deviceSigkills += 1;
      await inFlight;
      await this.reopen();
      this.shared.stats.deviceKills[mode] += 1;
      if (request === null) return;
      // The cashier may not have seen the answer: they press "complete" again with the same
      // request id, which gives the first sale back if it committed before the kill.
      const first = answer as ApiReply | null;
      const before = first?.ok === true ? (first.value as { saleId: string }).saleId : null;
      const again = await this.complete(request);
      if (before !== null && again !== before) this.problems.push(`${this.name}: sale ${before} completed before the kill, but completing the same request again gave ${again ?? 'a refusal'}`);
      return;
    }
    const stage: HoldStage = mode === 'push-applied' ? 'after-forward' : 'before-forward';
    const holding = this.proxy.hold('POST', '/v1/sync/push', stage);
    await this.createCustomer(r, k); // something to push, whatever else is queued
    const held = await timeout(holding, 5_000);
    if (held === null) {
      this.proxy.disarm();
      this.shared.stats.killsSkipped += 1;
      return;
    }
    const sent = (JSON.parse(held.requestBody.toString()) as { mutations: { id: string; seq: number }[] }).mutations;
    const applied = held.answer?.status === 200 ? (JSON.parse(held.answer.body.toString()) as { results: { id: string; status: string }[] }).results.filter((x) => x.status === 'applied').map((x) => x.id) : [];
    if (this.host.kind === 'child') {
      await this.host.kill();
      this.shared.stats.deviceSigkills += 1;
      held.cut();
    } else {
      const closing = this.host.close();
      held.cut();
      await closing;
    }
    const queued = new Set(readStore(this.file, (db) => (db.prepare(`SELECT id FROM sync_queue WHERE status = 'pending'`).all() as { id: string }[]).map((q) => q.id)));
    for (const m of sent) if (!queued.has(m.id)) this.problems.push(`${this.name}: mutation ${m.id} (seq ${m.seq}) was in the push in flight when the device was killed (${mode}) but is no longer queued`);
    this.mustAnswerDuplicate.push({ ids: applied, from: this.pushLog.length });
    this.shared.stats.deviceKills[mode] += 1;
    await this.reopen();
  }

  private async reopen(): Promise<void> {
    this.generation += 1;
    await this.open();
  }
}
