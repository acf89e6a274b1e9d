/**
 * The transfer being prepared on the Send form, and the quantities typed on the Receive form:
 * pure transitions, tested beside this file. Quantities are whole packs.
 */
import type { TransferView } from '../../../shared/src/api/transfers-api.js';

export interface DraftLine {
  batchId: string;
  productName: string;
  batchNo: string;
  expiry: string;
  /** Shown stock of the batch when it was added. */
  available: number;
  qty: number;
}

/** Adds a batch; the same batch again adds to its line instead of a second line. */
export function addDraftLine(lines: readonly DraftLine[], line: DraftLine): DraftLine[] {
  const at = lines.findIndex((l) => l.batchId === line.batchId);
  if (at < 0) return [...lines, line];
  return lines.map((l, i) => (i === at ? { ...l, qty: l.qty + line.qty } : l));
}

export function setDraftQty(lines: readonly DraftLine[], batchId: string, qty: number): DraftLine[] {
  return lines.map((l) => (l.batchId === batchId ? { ...l, qty } : l));
}

export function removeDraftLine(lines: readonly DraftLine[], batchId: string): DraftLine[] {
  return lines.filter((l) => l.batchId !== batchId);
}

/** Whole packs from what was typed; null when it is not a whole number ≥ min. */
export function parsePacks(text: string, min = 1): number | null {
  const t = text.trim();
  if (!/^\d{1,7}$/.test(t)) return null;
  const n = Number(t);
  return n >= min ? n : null;
}

/** The first problem with a draft, or null when it can be sent. */
export function draftProblem(toBranchId: string, lines: readonly DraftLine[]): string | null {
  if (toBranchId === '') return 'Pick the branch to send to.';
  if (lines.length === 0) return 'Add at least one line: search a product, pick its batch and quantity.';
  const empty = lines.find((l) => l.qty < 1);
  if (empty !== undefined) return `${empty.productName} (batch ${empty.batchNo}): enter at least 1 pack, or remove the line.`;
  const over = lines.find((l) => l.qty > l.available);
  if (over !== undefined) return `${over.productName} (batch ${over.batchNo}): only ${over.available} in stock.`;
  return null;
}

/** Received quantities default to what was sent, as text for the inputs. */
export function defaultReceived(t: TransferView): Record<string, string> {
  return Object.fromEntries(t.lines.map((l) => [l.batchId, String(l.qty)]));
}

/** Typed received quantities → the receive call's lines, or the first line that is not a number. */
export function receivedLines(t: TransferView, typed: Readonly<Record<string, string>>):
  | { ok: true; lines: { batchId: string; receivedQty: number }[]; differenceQty: number }
  | { ok: false; message: string } {
  const lines: { batchId: string; receivedQty: number }[] = [];
  let differenceQty = 0;
  for (const l of t.lines) {
    const qty = parsePacks(typed[l.batchId] ?? String(l.qty), 0);
    if (qty === null) return { ok: false, message: `Line ${l.lineNo} (${l.productName}): enter the packs received, 0 or more.` };
    lines.push({ batchId: l.batchId, receivedQty: qty });
    differenceQty += l.qty - qty;
  }
  return { ok: true, lines, differenceQty };
}
