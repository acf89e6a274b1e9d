/**
 * Pure helpers of the Imports tab: cutting a file's text into parts the core accepts, the error
 * report as CSV, and the header-only templates.
 */
import type { ImportKind } from '../../../shared/src/api/imports-api.js';
import type { RowError } from '../../../shared/src/csv/import-columns.js';
import { CATALOGUE_TEMPLATE, OPENING_STOCK_TEMPLATE } from '../../../shared/src/csv/opening-stock-rows.js';
import { toCsv } from '../../../shared/src/reports/csv.js';

/**
 * Cuts text into parts of at most `size` characters, never between the two halves of a
 * surrogate pair (an emoji or a rare script character stays whole in one part). An empty text is one empty part.
 */
export function splitParts(text: string, size: number): string[] {
  if (size < 2) throw new RangeError('part size must be at least 2');
  const parts: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + size);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    parts.push(text.slice(start, end));
    start = end;
  }
  return parts.length === 0 ? [''] : parts;
}

/** The error report a person fixes the file from: line, column, reason. */
export function errorReportCsv(errors: readonly RowError[]): string {
  return toCsv(['line', 'column', 'reason'], errors.map((e) => [e.row, e.column === '' ? '(whole row)' : e.column, e.reason]));
}

export function templateCsv(kind: ImportKind): { filename: string; text: string } {
  return kind === 'catalogue'
    ? { filename: 'similia-catalogue-template.csv', text: toCsv(CATALOGUE_TEMPLATE, []) }
    : { filename: 'similia-opening-stock-template.csv', text: toCsv(OPENING_STOCK_TEMPLATE, []) };
}

export const IMPORT_KIND_LABELS: Readonly<Record<ImportKind, string>> = { openingStock: 'Opening stock', catalogue: 'Catalogue' };
