/**
 * The deterministic demo organisation: branches, this counter, staff with their PINs, tax rules,
 * catalogue, batches and opening stock. Pure data, so the app's SQLite store and the sync server's
 * Postgres can load exactly the same rows (same ids) from the same seed and date.
 */
import { addDays } from '../dates.js';
import type { Branch, ProductForm, Role, TaxCategory } from '../domain.js';
import { HOMEOPATHY_TAX_RULES, type TaxRateRule } from '../gst.js';
import { gstinCheckChar } from '../gstin.js';
import { uuidv7 } from '../ids.js';
import { candidateProducts, labelName, type DemoProductSpec } from './catalogue.js';
import { seededRandom as rng } from '../seeded-random.js';

export const DEMO_STAFF: readonly { name: string; role: Role; pin: string; branchCode: string }[] = [
  { name: 'Asha Nair', role: 'cashier', pin: '1111', branchCode: 'BLR' },
  { name: 'Ravi Kumar', role: 'pharmacist', pin: '2222', branchCode: 'BLR' },
  { name: 'Meera Iyer', role: 'manager', pin: '9999', branchCode: 'BLR' },
  { name: 'Sunil Patil', role: 'cashier', pin: '3333', branchCode: 'PUN' },
  { name: 'Priya Deshpande', role: 'manager', pin: '8888', branchCode: 'PUN' },
];

export const DEMO_DEVICE = { name: 'Counter 1', branchCode: 'BLR', invoicePrefix: 'C1' } as const;

const CANDIDATES = candidateProducts();
const skuOf = (index: number): string => `SK${String(index + 1).padStart(6, '0')}`;
const find = (remedy: string, potency: string, form: string, pack: string, brand: string): number =>
  CANDIDATES.findIndex((c) => c.remedy === remedy && c.potency === potency && c.form === form && c.packSize === pack && c.brand === brand);

/** A product that has BOTH an expired batch (with stock) and a good one: the expired one must never be offered. */
export const DEMO_EXPIRED_SKU = skuOf(find('Belladonna', '30C', 'dilution', '30 ml', 'SBL'));
/** Products the E2E flows rely on (always in stock). */
export const DEMO_ARNICA_30_SKU = skuOf(find('Arnica montana', '30C', 'dilution', '30 ml', 'SBL'));
export const DEMO_NUX_200_SKU = skuOf(find('Nux vomica', '200C', 'dilution', '30 ml', 'SBL'));
const ALWAYS_STOCKED = new Set([DEMO_EXPIRED_SKU, DEMO_ARNICA_30_SKU, DEMO_NUX_200_SKU]);


/** EAN-13 with the Indian 890 prefix and a valid check digit. */
export function ean13(index: number): string {
  const body = `890${String(100_000_000 + index).slice(-9)}`;
  const sum = [...body].reduce((acc, d, i) => acc + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
  return body + String((10 - (sum % 10)) % 10);
}

function endOfMonth(date: string): string {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

export interface DemoOptions {
  /** Business date the demo is generated for: expiries spread around it. */
  today: string;
  skuCount?: number;
  seed?: number;
}

export interface DemoProduct {
  id: string;
  sku: string;
  name: string;
  remedy: string;
  /** The remedy as listed in shared/src/remedies.ts, for the search index. */
  remedyKey: string;
  potency: string;
  form: ProductForm;
  packSize: string;
  brand: string;
  hsn: string;
  taxCategory: TaxCategory;
  mrpPaise: number;
  barcode: string;
}

export interface DemoBatch {
  id: string;
  productId: string;
  batchNo: string;
  expiry: string;
  costPaise: number;
  mrpPaise: number;
  /** Opening stock, received as one movement with this id. */
  qty: number;
  receiptId: string;
}

export interface DemoData {
  branches: Branch[];
  device: { id: string; name: string; branchId: string; invoicePrefix: string };
  staff: { id: string; branchId: string; name: string; role: Role; pin: string }[];
  taxRules: readonly TaxRateRule[];
  products: DemoProduct[];
  batches: DemoBatch[];
  /** When the opening stock was received: the day before `today`. */
  receivedAt: string;
}

/** Generates the demo organisation; the same options always give the same rows and ids. */
export function generateDemoData(options: DemoOptions): DemoData {
  const random = rng(options.seed ?? 20_250_922);
  const baseMs = Date.parse(`${options.today}T00:00:00Z`);
  let tick = 0;
  const id = (): string => uuidv7(baseMs + (tick += 1), Uint8Array.from({ length: 10 }, () => Math.floor(random() * 256)));
  const chosen = chooseProducts(options.skuCount ?? 6000, random);
  const branchRows = [
    { code: 'BLR', name: 'Similia Homoeo Pharmacy — MG Road', stateCode: '29', address: '14, MG Road, Bengaluru 560001, Karnataka', phone: '080 4123 4567' },
    { code: 'PUN', name: 'Similia Homoeo Pharmacy — FC Road', stateCode: '27', address: '21, FC Road, Shivajinagar, Pune 411005, Maharashtra', phone: '020 2553 1100' },
  ];
  const branches: Branch[] = branchRows.map((b) => {
    const first14 = `${b.stateCode}AAKCS4821M1Z`;
    return { id: id(), ...b, gstin: first14 + gstinCheckChar(first14) };
  });
  const branchId = (code: string): string => branches.find((b) => b.code === code)?.id ?? '';
  const device = { id: id(), name: DEMO_DEVICE.name, branchId: branchId(DEMO_DEVICE.branchCode), invoicePrefix: DEMO_DEVICE.invoicePrefix };
  const staff = DEMO_STAFF.map((s) => ({ id: id(), branchId: branchId(s.branchCode), name: s.name, role: s.role, pin: s.pin }));
  const products: DemoProduct[] = [];
  const batches: DemoBatch[] = [];
  for (const { spec, index } of chosen) {
    const productId = id();
    const sku = skuOf(index);
    const remedy = labelName(spec.remedy);
    const name = [remedy, spec.potency, spec.form === 'mother tincture' ? 'Mother Tincture' : labelName(spec.form), spec.packSize].filter((p) => p !== '').join(' ');
    products.push({ id: productId, sku, name, remedy, remedyKey: spec.remedy, potency: spec.potency, form: spec.form, packSize: spec.packSize, brand: spec.brand, hsn: '30049014', taxCategory: spec.taxCategory, mrpPaise: spec.mrpPaise, barcode: ean13(index) });
    for (const batch of batchesFor(sku, spec, options.today, random)) {
      const batchId = id();
      const costPaise = Math.round((spec.mrpPaise * (0.55 + random() * 0.15)) / 10) * 10;
      batches.push({ id: batchId, productId, batchNo: batch.batchNo, expiry: batch.expiry, costPaise, mrpPaise: spec.mrpPaise, qty: batch.qty, receiptId: id() });
    }
  }
  return { branches, device, staff, taxRules: HOMEOPATHY_TAX_RULES, products, batches, receivedAt: new Date(baseMs - 86_400_000).toISOString() };
}

function chooseProducts(count: number, random: () => number): { spec: DemoProductSpec; index: number }[] {
  const indexed = CANDIDATES.map((spec, index) => ({ spec, index }));
  const core = indexed.filter((c) => c.spec.core);
  const extra = indexed.filter((c) => !c.spec.core);
  for (let i = extra.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [extra[i], extra[j]] = [extra[j] as (typeof extra)[number], extra[i] as (typeof extra)[number]];
  }
  const all = [...core, ...extra];
  if (count > all.length) throw new RangeError(`The demo catalogue has at most ${all.length} products; asked for ${count}.`);
  return all.slice(0, count);
}

function batchesFor(sku: string, spec: DemoProductSpec, today: string, random: () => number): { batchNo: string; expiry: string; qty: number }[] {
  const code = spec.brand.replace(/[^A-Z]/g, '').slice(0, 3) || 'GEN';
  const batchNo = (n: number): string => `${code}${today.slice(2, 4)}${String(Math.floor(random() * 9000) + 1000)}${n}`;
  const good = (n: number, qty = 4 + Math.floor(random() * 40)) => ({ batchNo: batchNo(n), expiry: endOfMonth(addDays(today, 200 + Math.floor(random() * 1200))), qty });
  if (sku === DEMO_EXPIRED_SKU) {
    return [{ batchNo: batchNo(1), expiry: endOfMonth(addDays(today, -45)), qty: 6 }, good(2, 30)];
  }
  if (ALWAYS_STOCKED.has(sku)) return [good(1, 40), good(2, 25)];
  const roll = random();
  if (roll < 0.04) return [{ batchNo: batchNo(1), expiry: endOfMonth(addDays(today, -(10 + Math.floor(random() * 300)))), qty: 1 + Math.floor(random() * 8) }, good(2)];
  if (roll < 0.12) return [{ batchNo: batchNo(1), expiry: addDays(today, 10 + Math.floor(random() * 70)), qty: 2 + Math.floor(random() * 10) }, good(2)];
  if (roll < 0.16) return []; // out of stock: a real shelf has gaps
  return random() < 0.5 ? [good(1)] : [good(1), good(2)];
}
