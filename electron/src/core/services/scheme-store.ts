/**
 * The counter's copy of the office's schemes: the row mapper over the local `schemes` table
 * (migration 011), the upsert the replica applier uses, and the schemes in force for a quote.
 */
import type { Scheme } from '../../../../shared/src/schemes.js';
import { schemesInForce } from '../../../../shared/src/schemes.js';
import type { DemoData } from '../../../../shared/src/demo/demo-data.js';
import { demoSchemes } from '../../../../shared/src/demo/demo-schemes.js';
import { stmt, type Db } from '../store/open-store.js';

export interface StoredScheme extends Scheme {
  updatedAt: string;
}

interface SchemeRow {
  id: string;
  name: string;
  kind: Scheme['kind'];
  target_type: Scheme['targetType'];
  target_value: string;
  percent_bp: number | null;
  amount_paise: number | null;
  buy_qty: number | null;
  free_qty: number | null;
  min_bill_paise: number;
  valid_from: string;
  valid_to: string | null;
  branch_ids: string | null;
  cap_bp: number | null;
  active: number;
  updated_at: string;
}

function parseBranches(json: string | null): string[] | null {
  if (json === null) return null;
  const parsed: unknown = JSON.parse(json);
  return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : null;
}

function toScheme(r: SchemeRow): StoredScheme {
  return {
    id: r.id, name: r.name, kind: r.kind, targetType: r.target_type, targetValue: r.target_value, percentBp: r.percent_bp, amountPaise: r.amount_paise,
    buyQty: r.buy_qty, freeQty: r.free_qty, minBillPaise: r.min_bill_paise, validFrom: r.valid_from, validTo: r.valid_to, branchIds: parseBranches(r.branch_ids),
    capBp: r.cap_bp, active: r.active === 1, updatedAt: r.updated_at,
  };
}

/** Every stored scheme, newest window first. */
export function allSchemes(db: Db): StoredScheme[] {
  return (stmt(db, /* sql */ `SELECT * FROM schemes ORDER BY valid_from DESC, name, id`).all() as SchemeRow[]).map(toScheme);
}

/** The active schemes whose window holds `businessDate` and whose branch list names the branch. */
export function loadSchemesInForce(db: Db, branchId: string, businessDate: string): Scheme[] {
  const rows = stmt(db, /* sql */ `SELECT * FROM schemes WHERE active = 1 AND valid_from <= ? AND (valid_to IS NULL OR valid_to >= ?)`).all(businessDate, businessDate) as SchemeRow[];
  return schemesInForce(rows.map(toScheme), businessDate, branchId);
}

/** Inserts or replaces one scheme (from the feed, or the demo generator). */
export function upsertScheme(db: Db, s: StoredScheme): void {
  stmt(db, /* sql */ `INSERT INTO schemes (id, name, kind, target_type, target_value, percent_bp, amount_paise, buy_qty, free_qty, min_bill_paise, valid_from, valid_to, branch_ids, cap_bp, active, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind, target_type = excluded.target_type, target_value = excluded.target_value,
      percent_bp = excluded.percent_bp, amount_paise = excluded.amount_paise, buy_qty = excluded.buy_qty, free_qty = excluded.free_qty,
      min_bill_paise = excluded.min_bill_paise, valid_from = excluded.valid_from, valid_to = excluded.valid_to, branch_ids = excluded.branch_ids,
      cap_bp = excluded.cap_bp, active = excluded.active, updated_at = excluded.updated_at`)
    .run(s.id, s.name, s.kind, s.targetType, s.targetValue, s.percentBp, s.amountPaise, s.buyQty, s.freeQty, s.minBillPaise, s.validFrom, s.validTo,
      s.branchIds === null ? null : JSON.stringify(s.branchIds), s.capBp, s.active ? 1 : 0, s.updatedAt);
}

/** The demo office's schemes (shared/src/demo/demo-schemes.ts), for the demo generator. */
export function writeDemoSchemes(db: Db, data: Pick<DemoData, 'products' | 'receivedAt'>, today: string): void {
  for (const s of demoSchemes(data, today)) upsertScheme(db, { ...s, updatedAt: data.receivedAt });
}
