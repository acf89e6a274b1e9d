/**
 * The columns an import file may have, and the mapping of its header row onto them. Header names
 * are matched without regard to case, spaces, underscores or punctuation ("Pack size",
 * "pack_size", "PACKSIZE" are one column), and each column has a few names people use.
 */

/** One problem of an import file: the file line of the record, the header name, the reason. */
export interface RowError {
  /** 1-based line of the file on which the record starts (the header is line 1). */
  row: number;
  /** The column as the file's header names it (or the canonical name when the column is missing); '' for the whole row. */
  column: string;
  reason: string;
}

export interface ColumnDef<K extends string> {
  key: K;
  /** The name templates and error reports use. */
  label: string;
  /** Other names accepted in a header (normalised on comparison). */
  aliases: readonly string[];
  required: boolean;
}

export interface HeaderMap<K extends string> {
  /** Index of each column in the record, for the columns the file has. */
  index: Partial<Record<K, number>>;
  /** The header text of each mapped column, as the file spells it. */
  names: Partial<Record<K, string>>;
  /** Header cells that name no known column: their data is ignored. */
  ignored: string[];
  errors: RowError[];
  width: number;
}

/** 'Pack Size' → 'packsize', 'MRP (₹)' → 'mrp'. */
export function normaliseHeader(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Maps the header record onto `columns`; a missing required column or a repeated column is an error at line 1. */
export function mapHeader<K extends string>(header: readonly string[], columns: readonly ColumnDef<K>[], line = 1): HeaderMap<K> {
  const byName = new Map<string, ColumnDef<K>>();
  for (const c of columns) for (const n of [c.label, ...c.aliases]) byName.set(normaliseHeader(n), c);
  const index: Partial<Record<K, number>> = {};
  const names: Partial<Record<K, string>> = {};
  const ignored: string[] = [];
  const errors: RowError[] = [];
  header.forEach((raw, i) => {
    const name = raw.trim();
    const def = byName.get(normaliseHeader(name));
    if (def === undefined) {
      if (name !== '') ignored.push(name);
      return;
    }
    if (index[def.key] !== undefined) {
      errors.push({ row: line, column: name, reason: `The column ${def.label} appears twice (as "${names[def.key] ?? ''}" and "${name}").` });
      return;
    }
    index[def.key] = i;
    names[def.key] = name;
  });
  for (const c of columns) {
    if (c.required && index[c.key] === undefined) errors.push({ row: line, column: c.label, reason: `The header has no ${c.label} column.` });
  }
  return { index, names, ignored, errors, width: header.length };
}

/**
 * The trimmed cell of a column ('' when the file has no such column). A leading apostrophe before
 * = + - @ is dropped: it is the guard our own exports (and spreadsheets) put before formula-like text.
 */
export function cell<K extends string>(map: HeaderMap<K>, fields: readonly string[], key: K): string {
  const i = map.index[key];
  if (i === undefined) return '';
  const v = (fields[i] ?? '').trim();
  return /^'[=+\-@]/.test(v) ? v.slice(1) : v;
}

/** The column name to report for a key: the file's spelling, else the canonical label. */
export function columnName<K extends string>(map: HeaderMap<K>, columns: readonly ColumnDef<K>[], key: K): string {
  return map.names[key] ?? columns.find((c) => c.key === key)?.label ?? key;
}
