/** The `schemes` table: one row mapper and the statements the admin routes use. */
import type { Scheme } from '../../../shared/src/schemes.js';
import type { Queryable } from '../db/db.js';

export interface SchemeRecord extends Omit<Scheme, 'branchIds'> {
  branchIds: string[] | null;
  updatedAt: string;
}

interface SchemeRow {
  id: string;
  name: string;
  kind: Scheme['kind'];
  target_type: Scheme['targetType'];
  target_value: string;
  percent_bp: number | null;
  amount_paise: string | number | null;
  buy_qty: number | null;
  free_qty: number | null;
  min_bill_paise: string | number;
  valid_from: string;
  valid_to: string | null;
  branch_ids: string[] | null;
  cap_bp: number | null;
  active: boolean;
  updated_at: string;
}

const COLUMNS = /* sql */ `id, name, kind, target_type, target_value, percent_bp, amount_paise, buy_qty, free_qty, min_bill_paise,
  valid_from::text AS valid_from, valid_to::text AS valid_to, branch_ids, cap_bp, active, iso_utc(updated_at) AS updated_at`;

const num = (v: string | number | null): number | null => (v === null ? null : Number(v));

function toRecord(r: SchemeRow): SchemeRecord {
  return {
    id: r.id, name: r.name, kind: r.kind, targetType: r.target_type, targetValue: r.target_value, percentBp: r.percent_bp, amountPaise: num(r.amount_paise),
    buyQty: r.buy_qty, freeQty: r.free_qty, minBillPaise: Number(r.min_bill_paise), validFrom: r.valid_from, validTo: r.valid_to, branchIds: r.branch_ids,
    capBp: r.cap_bp, active: r.active, updatedAt: r.updated_at,
  };
}

export async function listSchemes(db: Queryable, activeOnly: boolean): Promise<SchemeRecord[]> {
  const rows = await db.query<SchemeRow>(`SELECT ${COLUMNS} FROM schemes ${activeOnly ? 'WHERE active' : ''} ORDER BY valid_from DESC, name, id`);
  return rows.rows.map(toRecord);
}

export async function getScheme(db: Queryable, id: string): Promise<SchemeRecord | null> {
  const rows = await db.query<SchemeRow>(`SELECT ${COLUMNS} FROM schemes WHERE id = $1`, [id]);
  const row = rows.rows[0];
  return row === undefined ? null : toRecord(row);
}

const values = (s: Scheme) => [
  s.id, s.name.trim(), s.kind, s.targetType, s.targetValue.trim(), s.kind === 'percent' ? s.percentBp : null, s.kind === 'amount' ? s.amountPaise : null,
  s.kind === 'free_qty' ? s.buyQty : null, s.kind === 'free_qty' ? s.freeQty : null, s.minBillPaise, s.validFrom, s.validTo, s.branchIds, s.capBp, s.active,
];

export async function insertScheme(db: Queryable, s: Scheme, createdBy: string | null): Promise<SchemeRecord> {
  const rows = await db.query<SchemeRow>(
    `INSERT INTO schemes (id, name, kind, target_type, target_value, percent_bp, amount_paise, buy_qty, free_qty, min_bill_paise, valid_from, valid_to, branch_ids, cap_bp, active, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::date, $12::date, $13::uuid[], $14, $15, $16) RETURNING ${COLUMNS}`,
    [...values(s), createdBy],
  );
  return toRecord(rows.rows[0] as SchemeRow);
}

export async function updateScheme(db: Queryable, s: Scheme): Promise<SchemeRecord | null> {
  const rows = await db.query<SchemeRow>(
    `UPDATE schemes SET name = $2, kind = $3, target_type = $4, target_value = $5, percent_bp = $6, amount_paise = $7, buy_qty = $8, free_qty = $9,
       min_bill_paise = $10, valid_from = $11::date, valid_to = $12::date, branch_ids = $13::uuid[], cap_bp = $14, active = $15, updated_at = now()
     WHERE id = $1 RETURNING ${COLUMNS}`,
    values(s),
  );
  const row = rows.rows[0];
  return row === undefined ? null : toRecord(row);
}

export async function deactivateScheme(db: Queryable, id: string): Promise<SchemeRecord | null> {
  const rows = await db.query<SchemeRow>(`UPDATE schemes SET active = false, updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`, [id]);
  const row = rows.rows[0];
  return row === undefined ? null : toRecord(row);
}
