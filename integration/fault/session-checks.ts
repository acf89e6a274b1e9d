/**
 * What must hold once a fault session is quiet (faults off, server up, every device synced until
 * nothing changes), each returned as a sentence naming the rows:
 * 1. every completed sale is in Postgres exactly once, with its lines, status and payment, and
 *    nothing else is;
 * 2. every stock level equals the sum of its movements, and the branch's ledger is exactly the
 *    opening stock plus the movements the branch's counters recorded, each once;
 * 3. every device's replica equals the server's view of its scope;
 * 4. nothing a device queued is lost: its queue is empty, nothing was refused, the server applied
 *    every seq the device handed out exactly once, and after a kill the server answered
 *    `duplicate` for what had applied.
 */
import type pg from 'pg';
import { serverInvariantProblems } from './cluster.js';
import { readStore } from './device-host.js';
import type { FaultDevice } from './fault-device.js';

/** Anomalies this workload causes on purpose; any other kind is a disagreement between device and server. */
const EXPECTED_ANOMALIES = new Set(['stock.negative', 'stock.batch_duplicate_lot', 'customer.duplicate_phone']);

type Keyed = Map<string, string>;

/** Differences between two id → description maps, as at most one sentence. */
function diff(label: string, server: Keyed, device: Keyed): string[] {
  const missing = [...server.keys()].filter((k) => !device.has(k));
  const extra = [...device.keys()].filter((k) => !server.has(k));
  const differ = [...server.keys()].filter((k) => device.has(k) && device.get(k) !== server.get(k));
  if (missing.length + extra.length + differ.length === 0) return [];
  const parts: string[] = [];
  if (missing.length > 0) parts.push(`${missing.length} on the server only (${missing.slice(0, 3).map((k) => `${k}=${server.get(k)}`).join(', ')})`);
  if (extra.length > 0) parts.push(`${extra.length} on the device only (${extra.slice(0, 3).map((k) => `${k}=${device.get(k)}`).join(', ')})`);
  if (differ.length > 0) parts.push(`${differ.length} differ (${differ.slice(0, 3).map((k) => `${k}: server ${server.get(k)} vs device ${device.get(k)}`).join('; ')})`);
  return [`${label}: ${parts.join(', ')}`];
}

const keyed = <T>(rows: readonly T[], key: (r: T) => string, value: (r: T) => string): Keyed => new Map(rows.map((r) => [key(r), value(r)]));

/** Multiset of strings as key → count text, so `diff` can compare two of them. */
function counted(items: readonly string[]): Keyed {
  const counts = new Map<string, number>();
  for (const i of items) counts.set(i, (counts.get(i) ?? 0) + 1);
  return new Map([...counts].map(([k, n]) => [k, `×${n}`]));
}

interface ServerView {
  sales: { id: string; branch_id: string; device_id: string; invoice_no: string; total_paise: string; status: string }[];
  lines: { id: string; sale_id: string; branch_id: string; product_id: string; batch_id: string; qty: number }[];
  payments: { id: string; sale_id: string; branch_id: string; amount_paise: string }[];
  movements: { branch_id: string; batch_id: string; kind: string; qty: number; ref_id: string | null; mutation_id: string | null }[];
  levels: { id: string; branch_id: string; batch_id: string; qty: number }[];
  applied: { id: string; device_id: string; seq: string }[];
  staff: { id: string; branch_id: string; role: string; active: boolean; pin_hash: string | null }[];
  products: { id: string; mrp_paise: string; active: boolean }[];
  batches: { id: string; product_id: string; batch_no: string; expiry: string; cost_paise: string; mrp_paise: string }[];
  customers: { id: string; phone: string; hlc: string }[];
  branches: { id: string; code: string }[];
  taxRates: { id: string; rate_bp: number }[];
  receipts: { id: string; device_id: string }[];
  adjustments: { id: string; device_id: string }[];
  anomalies: { kind: string; device_id: string | null; ref_id: string | null; details: unknown }[];
}

async function serverView(pool: pg.Pool, branchIds: readonly string[]): Promise<ServerView> {
  const q = async <T extends pg.QueryResultRow>(sql: string, scoped = true): Promise<T[]> => (await pool.query<T>(sql, scoped ? [branchIds] : [])).rows;
  const b = `branch_id = ANY($1::uuid[])`;
  return {
    sales: await q(`SELECT id, branch_id, device_id, invoice_no, total_paise, status FROM sales WHERE ${b}`),
    lines: await q(`SELECT id, sale_id, branch_id, product_id, batch_id, qty FROM sale_lines WHERE ${b}`),
    payments: await q(`SELECT id, sale_id, branch_id, amount_paise FROM sale_payments WHERE ${b}`),
    movements: await q(`SELECT branch_id, batch_id, kind, qty, ref_id, mutation_id FROM stock_movements WHERE ${b}`),
    levels: await q(`SELECT id, branch_id, batch_id, qty FROM stock_levels WHERE ${b}`),
    applied: await q(`SELECT id, device_id, seq FROM applied_mutations WHERE ${b}`),
    staff: await q(`SELECT u.id, ub.branch_id, u.role, u.active, u.pin_hash FROM users u JOIN user_branches ub ON ub.user_id = u.id WHERE ub.${b}`),
    products: await q(`SELECT id, mrp_paise, active FROM products`, false),
    batches: await q(`SELECT id, product_id, batch_no, expiry, cost_paise, mrp_paise FROM batches`, false),
    customers: await q(`SELECT id, phone, hlc FROM customers`, false),
    branches: await q(`SELECT id, code FROM branches`, false),
    taxRates: await q(`SELECT id, rate_bp FROM tax_rates`, false),
    receipts: await q(`SELECT id, device_id FROM stock_receipts WHERE ${b}`),
    adjustments: await q(`SELECT id, device_id FROM stock_adjustments WHERE ${b}`),
    anomalies: await q(`SELECT kind, device_id, ref_id, details FROM anomalies WHERE ${b}`),
  };
}

interface DeviceView {
  link: { device_id: string; branch_id: string; broken_code: string | null; broken_message: string | null } | undefined;
  sales: { id: string; invoice_no: string; total_paise: number; status: string }[];
  lines: { sale_id: string; product_id: string; batch_id: string; qty: number }[];
  movements: { batch_id: string; kind: string; qty: number; ref_id: string | null; unconfirmed: number }[];
  shown: { batch_id: string; qty: number }[];
  serverStock: { id: string; batch_id: string; qty: number }[];
  staff: { id: string; role: string; active: number; pin_hash: string }[];
  products: { id: string; mrp_paise: number; active: number }[];
  batches: { id: string; product_id: string; batch_no: string; expiry: string; cost_paise: number; mrp_paise: number }[];
  customers: { id: string; phone: string; hlc: string }[];
  branches: { id: string; code: string }[];
  taxRates: { id: string; rate_bp: number }[];
  replica: { table_name: string; id: string; row: string }[];
  queue: { id: string; seq: number; type: string; status: string; last_error_code: string | null; last_error_message: string | null }[];
  lastSeq: number;
}

function deviceView(file: string): DeviceView {
  return readStore(file, (db) => {
    const all = <T>(sql: string): T[] => db.prepare(sql).all() as T[];
    return {
      link: db.prepare(`SELECT device_id, branch_id, broken_code, broken_message FROM sync_link`).get() as DeviceView['link'],
      sales: all(`SELECT id, invoice_no, total_paise, status FROM sales`),
      lines: all(`SELECT sale_id, product_id, batch_id, qty FROM sale_lines`),
      movements: all(`SELECT batch_id, kind, qty, ref_id, unconfirmed FROM stock_movements`),
      shown: all(`SELECT batch_id, qty FROM batch_stock`),
      serverStock: all(`SELECT id, batch_id, qty FROM server_stock`),
      staff: all(`SELECT id, role, active, pin_hash FROM staff`),
      products: all(`SELECT id, mrp_paise, active FROM products`),
      batches: all(`SELECT id, product_id, batch_no, expiry, cost_paise, mrp_paise FROM batches`),
      customers: all(`SELECT id, phone, hlc FROM customers`),
      branches: all(`SELECT id, code FROM branches`),
      taxRates: all(`SELECT id, rate_bp FROM tax_rates`),
      replica: all(`SELECT table_name, id, row FROM replica_rows`),
      queue: all(`SELECT id, seq, type, status, last_error_code, last_error_message FROM sync_queue ORDER BY seq`),
      lastSeq: (db.prepare(`SELECT value FROM counters WHERE name = 'sync_seq'`).get() as { value: number }).value,
    };
  });
}

const movementKey = (m: { ref_id: string | null; batch_id: string; kind: string; qty: number }): string => `${m.kind} ${m.qty} of ${m.batch_id} for ${m.ref_id}`;

function saleProblems(s: ServerView, devices: readonly FaultDevice[], views: ReadonlyMap<FaultDevice, DeviceView>): string[] {
  const problems: string[] = [];
  const serverSales = new Map(s.sales.map((x) => [x.id, x]));
  const made = new Set<string>();
  for (const d of devices) {
    const v = views.get(d) as DeviceView;
    const local = new Map(v.sales.map((x) => [x.id, x]));
    for (const [saleId, sale] of d.sales) {
      if (!local.has(saleId)) problems.push(`${d.name}: completed sale ${saleId} is not in the device's own store`);
      const onServer = serverSales.get(saleId);
      if (onServer === undefined) {
        problems.push(`${d.name}: completed sale ${saleId} is not in Postgres`);
        continue;
      }
      const qty = new Map<string, number>();
      for (const l of s.lines) if (l.sale_id === saleId) qty.set(l.product_id, (qty.get(l.product_id) ?? 0) + l.qty);
      problems.push(...diff(`${d.name}: sale ${saleId} quantities per product`, keyed([...qty], ([p]) => p, ([, n]) => String(n)), keyed([...sale.qty], ([p]) => p, ([, n]) => String(n))));
      if (sale.voided && onServer.status !== 'voided') problems.push(`${d.name}: sale ${saleId} was voided at the counter but is ${onServer.status} in Postgres`);
    }
    for (const x of v.sales) {
      made.add(x.id);
      const onServer = serverSales.get(x.id);
      if (onServer === undefined) {
        problems.push(`${d.name}: sale ${x.id} (${x.invoice_no}) in the device's store is not in Postgres`);
        continue;
      }
      const want = `${d.deviceId} ${x.invoice_no} ${x.total_paise} ${x.status}`;
      const got = `${onServer.device_id} ${onServer.invoice_no} ${Number(onServer.total_paise)} ${onServer.status}`;
      if (want !== got) problems.push(`${d.name}: sale ${x.id} is "${got}" in Postgres but "${want}" at the counter (device, invoice, total, status)`);
      const serverLines = s.lines.filter((l) => l.sale_id === x.id).map((l) => `${l.product_id}/${l.batch_id}×${l.qty}`);
      const localLines = v.lines.filter((l) => l.sale_id === x.id).map((l) => `${l.product_id}/${l.batch_id}×${l.qty}`);
      problems.push(...diff(`${d.name}: lines of sale ${x.id}`, counted(serverLines), counted(localLines)));
      const paid = s.payments.filter((p) => p.sale_id === x.id).reduce((sum, p) => sum + Number(p.amount_paise), 0);
      if (paid !== x.total_paise) problems.push(`${d.name}: sale ${x.id} has payments of ${paid} in Postgres for a total of ${x.total_paise}`);
    }
  }
  for (const x of s.sales) if (!made.has(x.id)) problems.push(`Postgres has sale ${x.id} (${x.invoice_no}, device ${x.device_id}) that no counter of the session made`);
  const invoices = counted(s.sales.map((x) => `${x.device_id}/${x.invoice_no}`));
  for (const [inv, n] of invoices) if (n !== '×1') problems.push(`invoice ${inv} is in Postgres ${n}`);
  return problems;
}

function ledgerProblems(s: ServerView, branchIds: readonly string[], devices: readonly FaultDevice[], views: ReadonlyMap<FaultDevice, DeviceView>, catalogueSize: number): string[] {
  const problems: string[] = [];
  const applied = new Set(s.applied.map((a) => a.id));
  for (const branchId of branchIds) {
    const ofBranch = s.movements.filter((m) => m.branch_id === branchId);
    const opening = ofBranch.filter((m) => m.mutation_id === null);
    if (opening.length !== catalogueSize || opening.some((m) => m.kind !== 'receipt' || m.ref_id !== null)) {
      problems.push(`branch ${branchId}: ${opening.length} movements without a mutation, expected exactly the ${catalogueSize} opening receipts`);
    }
    for (const m of ofBranch) if (m.mutation_id !== null && !applied.has(m.mutation_id)) problems.push(`branch ${branchId}: movement ${movementKey(m)} names mutation ${m.mutation_id}, which is not in applied_mutations`);
    const local = devices.filter((d) => d.branchId === branchId).flatMap((d) => (views.get(d) as DeviceView).movements.map(movementKey));
    problems.push(...diff(`branch ${branchId}: stock ledger (server movements vs the counters' own movements)`, counted(ofBranch.filter((m) => m.mutation_id !== null).map(movementKey)), counted(local)));
  }
  return problems;
}

function replicaProblems(s: ServerView, d: FaultDevice, v: DeviceView): string[] {
  const n = d.name;
  const problems: string[] = [];
  if (v.link?.broken_code != null) problems.push(`${n}: the link to the server is broken: ${v.link.broken_code} ${v.link.broken_message ?? ''}`);
  const unconfirmed = v.movements.filter((m) => m.unconfirmed === 1);
  if (unconfirmed.length > 0) problems.push(`${n}: ${unconfirmed.length} movements still unconfirmed after the final pull (${unconfirmed.slice(0, 3).map(movementKey).join('; ')})`);
  const levels = s.levels.filter((l) => l.branch_id === d.branchId);
  problems.push(...diff(`${n}: server_stock vs stock_levels`, keyed(levels, (l) => l.id, (l) => `${l.batch_id}:${l.qty}`), keyed(v.serverStock, (l) => l.id, (l) => `${l.batch_id}:${l.qty}`)));
  const levelOf = new Map(levels.map((l) => [l.batch_id, l.qty]));
  const shownExpected = new Map<string, string>(levels.map((l) => [l.batch_id, String(l.qty)]));
  for (const x of v.shown) if (!levelOf.has(x.batch_id)) shownExpected.set(x.batch_id, '0');
  problems.push(...diff(`${n}: shown stock (batch_stock) vs server level`, shownExpected, keyed(v.shown, (x) => x.batch_id, (x) => String(x.qty))));
  const staff = s.staff.filter((x) => x.branch_id === d.branchId);
  problems.push(...diff(`${n}: staff`, keyed(staff, (x) => x.id, (x) => `${x.role} ${x.active ? 1 : 0} ${x.pin_hash ?? '!'}`), keyed(v.staff, (x) => x.id, (x) => `${x.role} ${x.active} ${x.pin_hash}`)));
  problems.push(...diff(`${n}: products`, keyed(s.products, (x) => x.id, (x) => `${Number(x.mrp_paise)} ${x.active ? 1 : 0}`), keyed(v.products, (x) => x.id, (x) => `${x.mrp_paise} ${x.active}`)));
  const batch = (x: { product_id: string; batch_no: string; expiry: string; cost_paise: number | string; mrp_paise: number | string }): string =>
    `${x.product_id} ${x.batch_no} ${x.expiry} ${Number(x.cost_paise)} ${Number(x.mrp_paise)}`;
  problems.push(...diff(`${n}: batches`, keyed(s.batches, (x) => x.id, batch), keyed(v.batches, (x) => x.id, batch)));
  problems.push(...diff(`${n}: customers`, keyed(s.customers, (x) => x.id, (x) => `${x.phone} ${x.hlc}`), keyed(v.customers, (x) => x.id, (x) => `${x.phone} ${x.hlc}`)));
  problems.push(...diff(`${n}: branches`, keyed(s.branches, (x) => x.id, (x) => x.code), keyed(v.branches, (x) => x.id, (x) => x.code)));
  problems.push(...diff(`${n}: tax rates`, keyed(s.taxRates, (x) => x.id, (x) => String(x.rate_bp)), keyed(v.taxRates, (x) => x.id, (x) => String(x.rate_bp))));
  const replica = (table: string): Keyed =>
    keyed(v.replica.filter((x) => x.table_name === table), (x) => x.id, (x) => {
      const row = JSON.parse(x.row) as Record<string, unknown>;
      return table === 'sales' ? `${String(row.status)} ${String(row.totalPaise)}` : table === 'sale_lines' ? `${String(row.saleId)} ${String(row.qty)}` : `${String(row.saleId)} ${String(row.amountPaise)}`;
    });
  problems.push(...diff(`${n}: replicated sales`, keyed(s.sales.filter((x) => x.branch_id === d.branchId), (x) => x.id, (x) => `${x.status} ${Number(x.total_paise)}`), replica('sales')));
  problems.push(...diff(`${n}: replicated sale lines`, keyed(s.lines.filter((x) => x.branch_id === d.branchId), (x) => x.id, (x) => `${x.sale_id} ${x.qty}`), replica('sale_lines')));
  problems.push(...diff(`${n}: replicated sale payments`, keyed(s.payments.filter((x) => x.branch_id === d.branchId), (x) => x.id, (x) => `${x.sale_id} ${Number(x.amount_paise)}`), replica('sale_payments')));
  return problems;
}

function queueProblems(s: ServerView, d: FaultDevice, v: DeviceView): string[] {
  const n = d.name;
  const problems = [...d.problems];
  for (const m of v.queue) problems.push(`${n}: mutation ${m.type} seq ${m.seq} is still queued (${m.status}${m.last_error_code === null ? '' : `: ${m.last_error_code} ${m.last_error_message ?? ''}`})`);
  const seqs = s.applied.filter((a) => a.device_id === d.deviceId).map((a) => Number(a.seq)).sort((a, b) => a - b);
  const expected = Array.from({ length: v.lastSeq }, (_, i) => i + 1);
  if (seqs.join(',') !== expected.join(',')) {
    const missing = expected.filter((x) => !seqs.includes(x));
    problems.push(`${n}: the device handed out seq 1..${v.lastSeq} but applied_mutations holds ${seqs.length} (missing ${missing.slice(0, 5).join(', ') || 'none'}; ${seqs.length - new Set(seqs).size} repeated)`);
  }
  const receipts = new Set(s.receipts.filter((x) => x.device_id === d.deviceId).map((x) => x.id));
  for (const id of d.receipts) if (!receipts.has(id)) problems.push(`${n}: goods receipt ${id} is not in Postgres`);
  const adjustments = new Set(s.adjustments.filter((x) => x.device_id === d.deviceId).map((x) => x.id));
  for (const id of d.adjustments) if (!adjustments.has(id)) problems.push(`${n}: adjustment ${id} is not in Postgres`);
  const customers = new Set(s.customers.map((x) => x.id));
  for (const id of d.customers) if (!customers.has(id)) problems.push(`${n}: customer ${id} is not in Postgres`);
  // What the server answered, seen at the proxy (including answers the device never got).
  const applied = new Map<string, number>();
  const statuses = new Map<string, number>();
  for (const e of d.pushLog) {
    for (const r of e.results) {
      if (r.status === 'applied') applied.set(r.id, (applied.get(r.id) ?? 0) + 1);
      if (r.status === 'rejected') problems.push(`${n}: the server refused mutation ${r.id} (${e.sent.find((m) => m.id === r.id)?.type ?? '?'}): ${r.code ?? ''} ${r.message ?? ''}`);
    }
    if (e.status !== null && e.status !== 200) statuses.set(`${e.status} (${e.via})`, (statuses.get(`${e.status} (${e.via})`) ?? 0) + 1);
  }
  for (const [status, count] of statuses) problems.push(`${n}: ${count} push(es) answered HTTP ${status}`);
  for (const [id, count] of applied) if (count > 1) problems.push(`${n}: the server answered "applied" ${count} times for mutation ${id}`);
  for (const expectation of d.mustAnswerDuplicate) {
    for (const id of expectation.ids) {
      const later = d.pushLog.slice(expectation.from).flatMap((e) => e.results.filter((r) => r.id === id));
      if (later.length === 0) problems.push(`${n}: mutation ${id} applied in the push that was in flight at the kill, but no later push sent it again`);
      for (const r of later) if (r.status !== 'duplicate') problems.push(`${n}: mutation ${id} applied before the kill, later answered "${r.status}" instead of "duplicate"`);
    }
  }
  return problems;
}

export async function sessionProblems(pool: pg.Pool, branchIds: readonly string[], devices: readonly FaultDevice[], catalogueSize: number): Promise<string[]> {
  const s = await serverView(pool, branchIds);
  const views = new Map(devices.map((d) => [d, deviceView(d.file)]));
  const problems = [...(await serverInvariantProblems(pool, branchIds))];
  problems.push(...saleProblems(s, devices, views));
  problems.push(...ledgerProblems(s, branchIds, devices, views, catalogueSize));
  for (const d of devices) {
    const v = views.get(d) as DeviceView;
    problems.push(...replicaProblems(s, d, v));
    problems.push(...queueProblems(s, d, v));
  }
  for (const a of s.anomalies) if (!EXPECTED_ANOMALIES.has(a.kind)) problems.push(`unexpected anomaly ${a.kind} (device ${a.device_id}, ref ${a.ref_id}): ${JSON.stringify(a.details)}`);
  return problems;
}

/** Anomaly counts by kind for the summary. */
export async function anomalyCounts(pool: pg.Pool, branchIds: readonly string[]): Promise<Record<string, number>> {
  const rows = (await pool.query<{ kind: string; n: string }>(`SELECT kind, COUNT(*) AS n FROM anomalies WHERE branch_id = ANY($1::uuid[]) GROUP BY kind`, [branchIds])).rows;
  return Object.fromEntries(rows.map((r) => [r.kind, Number(r.n)]));
}
