/**
 * `sale.voided`: the sale is marked voided and every line's stock goes back to its batch, under the
 * mutation's savepoint in the push transaction. The void happened at the counter (a manager approved it there), so it
 * is a fact: an approver the server does not accept, or an invoice number that does not match the
 * sale, raises an anomaly instead of refusing it. Only a sale the server cannot find (it may not
 * be pushed yet, so the device retries) or one of another branch is rejected.
 */
import type { Role } from '../../../shared/src/domain.js';
import { canVoidSales } from '../../../shared/src/roles.js';
import type { Queryable } from '../db/db.js';
import type { Anomaly } from './anomalies.js';
import { reverseSaleLoyalty } from './apply-loyalty.js';
import { MutationRejected, type MutationContext } from './mutation-context.js';
import type { SaleVoided } from './mutation-schemas.js';

interface SaleRow {
  branch_id: string;
  invoice_no: string;
  status: 'completed' | 'voided';
}

export async function applySaleVoided(tx: Queryable, ctx: MutationContext, p: SaleVoided): Promise<'applied' | 'duplicate'> {
  // FOR UPDATE: two voids of one sale (two counters, or a retried request) serialise here.
  const found = await tx.query<SaleRow>('SELECT branch_id, invoice_no, status FROM sales WHERE id = $1 FOR UPDATE', [p.saleId]);
  const sale = found.rows[0];
  if (sale === undefined) throw new MutationRejected('sale.unknown', `The server has no sale ${p.saleId}; push the sale first.`);
  if (sale.branch_id !== ctx.branchId) throw new MutationRejected('auth.forbidden', 'That sale belongs to another branch.');
  // Already voided (under another mutation id): the fact is recorded, stock must not move twice.
  if (sale.status === 'voided') return 'duplicate';

  const flag = (kind: Anomaly['kind'], details: Record<string, unknown>): void => {
    ctx.effects.flag({ kind, branchId: ctx.branchId, deviceId: ctx.deviceId, mutationId: ctx.mutationId, refId: p.saleId, details });
  };
  const approver = await tx.query<{ role: Role; active: boolean }>(
    'SELECT u.role, u.active FROM users u JOIN user_branches ub ON ub.user_id = u.id WHERE u.id = $1 AND ub.branch_id = $2',
    [p.approvedBy, ctx.branchId],
  );
  const role = approver.rows[0]?.role;
  if (role === undefined || !canVoidSales(role) || approver.rows[0]?.active !== true) {
    flag('sale.void_unapproved', { approvedBy: p.approvedBy, role: role ?? null });
  }
  if (sale.invoice_no !== p.invoiceNo) flag('sale.void_invoice_mismatch', { invoiceNo: p.invoiceNo, saleInvoiceNo: sale.invoice_no });

  await tx.query(
    `UPDATE sales SET status = 'voided', voided_at = $2, voided_by = $3, void_approved_by = $4, void_reason = $5, void_mutation_id = $6
      WHERE id = $1`,
    [p.saleId, ctx.at, ctx.actorId, p.approvedBy, p.reason, ctx.mutationId],
  );
  await reverseSaleLoyalty(tx, ctx, p.saleId);
  const lines = await tx.query<{ product_id: string; batch_id: string; qty: number }>(
    'SELECT product_id, batch_id, qty FROM sale_lines WHERE sale_id = $1 ORDER BY line_no',
    [p.saleId],
  );
  for (const l of lines.rows) {
    ctx.effects.move({
      branchId: ctx.branchId, batchId: l.batch_id, productId: l.product_id, kind: 'void', qty: Number(l.qty),
      refId: p.saleId, mutationId: ctx.mutationId, staffId: ctx.actorId, at: ctx.at,
    });
  }
  ctx.effects.publish({
    type: 'sale.voided',
    aggregateId: p.saleId,
    branchId: ctx.branchId,
    payload: { saleId: p.saleId, branchId: ctx.branchId, deviceId: ctx.deviceId, invoiceNo: sale.invoice_no, reason: p.reason },
  });
  return 'applied';
}
