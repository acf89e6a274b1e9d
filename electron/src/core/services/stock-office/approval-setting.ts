/** The adjustment approval thresholds of this counter: the `settings` row, or the default. */
import { ADJUSTMENT_APPROVAL_SETTING, parseApprovalPolicy, type AdjustmentApprovalPolicy } from '../../../../../shared/src/stock-office/adjustment-approval.js';
import { stmt } from '../../store/open-store.js';
import { nowIso, type CoreContext } from '../context.js';

export function readApprovalPolicy(ctx: CoreContext): AdjustmentApprovalPolicy {
  const row = stmt(ctx.db, /* sql */ `SELECT value FROM settings WHERE key = ?`).get(ADJUSTMENT_APPROVAL_SETTING) as { value: string } | undefined;
  return parseApprovalPolicy(row === undefined ? null : JSON.parse(row.value));
}

export function writeApprovalPolicy(ctx: CoreContext, policy: AdjustmentApprovalPolicy): void {
  stmt(ctx.db, /* sql */ `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`)
    .run(ADJUSTMENT_APPROVAL_SETTING, JSON.stringify(policy), nowIso(ctx));
}
