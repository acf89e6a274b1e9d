/**
 * `return.created`: a credit note against an original invoice of the branch, possibly another
 * counter's. Stock goes back to each line's ORIGINAL batch (movement kind 'return'), the return
 * and its lines are stored (on the branch feed), store credit is written to customer_ledger, and
 * an outbox event is published. The return happened at the counter, so it is a fact: more units
 * returned than sold across counters, a batch other than the line's, a voided invoice or an
 * approver who is not a manager raise anomalies instead of refusing it. Only a sale the server
 * does not have (not pushed yet: the device retries) or one of another branch is rejected.
 */
import { Type, type Static } from 'typebox';
import { INVOICE_NO_PATTERN } from '../../../shared/src/invoice-number.js';
import type { Role } from '../../../shared/src/domain.js';
import { canVoidSales } from '../../../shared/src/roles.js';
import type { Queryable } from '../db/db.js';
import { Uuid } from '../http/schemas.js';
import { compileStrict } from '../http/validation.js';
import type { Anomaly } from './anomalies.js';
import { MutationRejected, type MutationContext } from './mutation-context.js';

const Paise = Type.Integer({ minimum: 0, maximum: 1_000_000_000 });

/** `ReturnCreatedPayload` of shared/src/returns.ts. */
export const ReturnCreatedSchema = Type.Object(
  {
    returnId: Uuid,
    creditNoteNo: Type.String({ pattern: INVOICE_NO_PATTERN.source }),
    saleId: Uuid,
    invoiceNo: Type.String({ pattern: INVOICE_NO_PATTERN.source }),
    businessDate: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
    customerId: Type.Optional(Uuid),
    refundMethod: Type.Union([Type.Literal('cash'), Type.Literal('card'), Type.Literal('upi'), Type.Literal('store_credit')]),
    reason: Type.String({ minLength: 1, maxLength: 200 }),
    approvedBy: Type.Union([Uuid, Type.Null()]),
    storeCreditLedgerId: Type.Optional(Uuid),
    lines: Type.Array(
      Type.Object(
        {
          lineNo: Type.Integer({ minimum: 1, maximum: 10_000 }),
          productId: Uuid,
          batchId: Uuid,
          qty: Type.Integer({ minimum: 1, maximum: 100_000 }),
          discountPaise: Paise,
          taxablePaise: Paise,
          cgstPaise: Paise,
          sgstPaise: Paise,
          igstPaise: Paise,
          netPaise: Paise,
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 500 },
    ),
    totals: Type.Object({ taxablePaise: Paise, cgstPaise: Paise, sgstPaise: Paise, igstPaise: Paise, totalPaise: Paise }, { additionalProperties: false }),
  },
  { additionalProperties: false },
);
export type ReturnCreated = Static<typeof ReturnCreatedSchema>;
export const checkReturnCreated = compileStrict<ReturnCreated>(ReturnCreatedSchema);

export async function applyReturnCreated(tx: Queryable, ctx: MutationContext, p: ReturnCreated): Promise<'applied' | 'duplicate'> {
  const lineNos = new Set(p.lines.map((l) => l.lineNo));
  if (lineNos.size !== p.lines.length) throw new MutationRejected('input.invalid', 'A return lists the same invoice line twice.');
  // FOR UPDATE: returns of one sale from two counters serialise here, so "already returned" is exact.
  const found = await tx.query<{ branch_id: string; invoice_no: string; status: string; customer_id: string | null }>(
    'SELECT branch_id, invoice_no, status, customer_id FROM sales WHERE id = $1 FOR UPDATE',
    [p.saleId],
  );
  const sale = found.rows[0];
  if (sale === undefined) throw new MutationRejected('sale.unknown', `The server has no sale ${p.saleId}; push the sale first.`);
  if (sale.branch_id !== ctx.branchId) throw new MutationRejected('auth.forbidden', 'That sale belongs to another branch: return it there.');

  const claim = await tx.query(
    `INSERT INTO sale_returns (id, branch_id, device_id, sale_id, invoice_no, credit_note_no, staff_id, approved_by, customer_id, business_date, at, refund_method, reason,
       taxable_paise, cgst_paise, sgst_paise, igst_paise, total_paise, mutation_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19) ON CONFLICT (id) DO NOTHING RETURNING id`,
    [p.returnId, ctx.branchId, ctx.deviceId, p.saleId, sale.invoice_no, p.creditNoteNo, ctx.actorId, p.approvedBy, p.customerId ?? sale.customer_id, p.businessDate, ctx.at,
      p.refundMethod, p.reason, p.totals.taxablePaise, p.totals.cgstPaise, p.totals.sgstPaise, p.totals.igstPaise, p.totals.totalPaise, ctx.mutationId],
  );
  if (claim.rows.length === 0) {
    const owner = await tx.query<{ branch_id: string }>('SELECT branch_id FROM sale_returns WHERE id = $1', [p.returnId]);
    if (owner.rows[0]?.branch_id !== ctx.branchId) throw new MutationRejected('mutation.conflict', 'That return id belongs to another branch.');
    return 'duplicate';
  }

  const flag = (kind: Anomaly['kind'], details: Record<string, unknown>): void => {
    ctx.effects.flag({ kind, branchId: ctx.branchId, deviceId: ctx.deviceId, mutationId: ctx.mutationId, refId: p.returnId, details: { saleId: p.saleId, ...details } });
  };
  if (sale.status === 'voided') flag('return.sale_voided', { invoiceNo: sale.invoice_no });
  if (sale.invoice_no !== p.invoiceNo) flag('return.invoice_mismatch', { invoiceNo: p.invoiceNo, saleInvoiceNo: sale.invoice_no });
  if (p.approvedBy === ctx.actorId && !canVoidSales(ctx.actorRole)) flag('return.unapproved', { approvedBy: p.approvedBy, role: ctx.actorRole });
  else if (p.approvedBy !== null && p.approvedBy !== ctx.actorId) await checkApprover(tx, ctx, p.approvedBy, flag);
  if (p.refundMethod === 'store_credit' && (p.customerId ?? sale.customer_id) === null) flag('return.store_credit_without_customer', {});

  const [lines, returned] = await Promise.all([
    tx.query<{ line_no: number; qty: number; batch_id: string }>('SELECT line_no, qty, batch_id FROM sale_lines WHERE sale_id = $1', [p.saleId]),
    tx.query<{ line_no: number; qty: string }>('SELECT line_no, SUM(qty) AS qty FROM sale_return_lines WHERE sale_id = $1 GROUP BY line_no', [p.saleId]),
  ]);
  const sold = new Map(lines.rows.map((l) => [Number(l.line_no), l]));
  const before = new Map(returned.rows.map((r) => [Number(r.line_no), Number(r.qty)]));
  for (const l of p.lines) {
    const original = sold.get(l.lineNo);
    if (original === undefined) flag('return.line_unknown', { lineNo: l.lineNo });
    else {
      if (original.batch_id !== l.batchId) flag('return.batch_mismatch', { lineNo: l.lineNo, batchId: l.batchId, saleBatchId: original.batch_id });
      const already = before.get(l.lineNo) ?? 0;
      if (already + l.qty > Number(original.qty)) flag('return.exceeds_sold', { lineNo: l.lineNo, sold: Number(original.qty), alreadyReturned: already, qty: l.qty });
    }
  }
  await tx.query(
    `INSERT INTO sale_return_lines (return_id, sale_id, branch_id, line_no, product_id, batch_id, qty, discount_paise, taxable_paise, cgst_paise, sgst_paise, igst_paise, net_paise)
     SELECT $1, $2, $3, line_no, product_id, batch_id, qty, discount_paise, taxable_paise, cgst_paise, sgst_paise, igst_paise, net_paise
       FROM json_to_recordset($4::json) AS x(line_no int, product_id uuid, batch_id uuid, qty int, discount_paise bigint, taxable_paise bigint, cgst_paise bigint,
         sgst_paise bigint, igst_paise bigint, net_paise bigint)`,
    [p.returnId, p.saleId, ctx.branchId, JSON.stringify(p.lines.map((l) => ({
      line_no: l.lineNo, product_id: l.productId, batch_id: l.batchId, qty: l.qty, discount_paise: l.discountPaise, taxable_paise: l.taxablePaise,
      cgst_paise: l.cgstPaise, sgst_paise: l.sgstPaise, igst_paise: l.igstPaise, net_paise: l.netPaise,
    })))],
  );
  for (const l of p.lines) {
    ctx.effects.move({ branchId: ctx.branchId, batchId: l.batchId, productId: l.productId, kind: 'return', qty: l.qty, refId: p.returnId, mutationId: ctx.mutationId, staffId: ctx.actorId, at: ctx.at });
  }
  const customerId = p.customerId ?? sale.customer_id;
  if (p.refundMethod === 'store_credit' && customerId !== null && p.totals.totalPaise > 0) {
    await tx.query(
      `INSERT INTO customer_ledger (id, customer_id, branch_id, kind, delta, source_type, source_id, at)
       VALUES (COALESCE($1::uuid, gen_random_uuid()), $2, $3, 'store_credit', $4, 'return', $5, $6) ON CONFLICT DO NOTHING`,
      [p.storeCreditLedgerId ?? null, customerId, ctx.branchId, p.totals.totalPaise, p.returnId, ctx.at],
    );
  }
  ctx.effects.publish({
    type: 'return.created',
    aggregateId: p.returnId,
    branchId: ctx.branchId,
    payload: { returnId: p.returnId, saleId: p.saleId, branchId: ctx.branchId, deviceId: ctx.deviceId, creditNoteNo: p.creditNoteNo, invoiceNo: sale.invoice_no,
      refundMethod: p.refundMethod, totalPaise: p.totals.totalPaise },
  });
  return 'applied';
}

async function checkApprover(tx: Queryable, ctx: MutationContext, approvedBy: string, flag: (kind: Anomaly['kind'], details: Record<string, unknown>) => void): Promise<void> {
  const approver = await tx.query<{ role: Role; active: boolean }>(
    'SELECT u.role, u.active FROM users u JOIN user_branches ub ON ub.user_id = u.id WHERE u.id = $1 AND ub.branch_id = $2',
    [approvedBy, ctx.branchId],
  );
  const row = approver.rows[0];
  if (row === undefined || !row.active || !canVoidSales(row.role)) flag('return.unapproved', { approvedBy, role: row?.role ?? null });
}
