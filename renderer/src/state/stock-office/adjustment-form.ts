/** The adjustment form's lines as typed, and what they are worth: pure helpers for AdjustmentsTab. */
import type { AdjustableBatch } from '../../../../shared/src/api/stock-office-api.js';
import { paise } from '../../../../shared/src/money.js';

export interface AdjustLineForm {
  key: string;
  productId: string;
  name: string;
  batches: AdjustableBatch[];
  batchId: string;
  qty: string;
}

/** A signed whole number of packs, not zero ('-3', '+2', '4'); null otherwise. */
export function parseDelta(text: string): number | null {
  const m = /^\s*([+-]?)\s*(\d+)\s*$/.exec(text);
  if (m === null) return null;
  const n = Number(m[2]) * (m[1] === '-' ? -1 : 1);
  return n === 0 || !Number.isSafeInteger(n) ? null : n;
}

/** The lines with their batch cost, for the shared approval rule (lines that do not parse count 0). */
export function valuedLines(lines: readonly AdjustLineForm[]): { qtyDelta: number; costPaise: ReturnType<typeof paise> }[] {
  return lines.map((l) => ({ qtyDelta: parseDelta(l.qty) ?? 0, costPaise: l.batches.find((b) => b.batchId === l.batchId)?.costPaise ?? paise(0) }));
}

/** The batch a new line starts on: the earliest-expiring one with stock, else the first. */
export function defaultBatch(batches: readonly AdjustableBatch[]): string {
  return (batches.find((b) => b.qty > 0 && !b.expired) ?? batches.find((b) => b.qty > 0) ?? batches[0])?.batchId ?? '';
}
