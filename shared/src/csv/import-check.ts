/**
 * The frame every import file goes through: the first record is the header, each later record
 * is checked into a typed row or into errors. Records may arrive in pieces (the reader's output
 * per piece of text), so a large file is checked as it is read.
 */
import type { CsvRecord } from './csv-reader.js';
import { mapHeader, type ColumnDef, type HeaderMap, type RowError } from './import-columns.js';

export interface CheckResult<R> {
  rows: R[];
  errors: RowError[];
  /** Header cells that name no known column. */
  ignored: string[];
  /** Data records read (the header not counted). */
  records: number;
  /** Errors counted, including any beyond {@link MAX_ERRORS} that `errors` leaves out. */
  errorCount: number;
}

/** Checks one data record; pushes its errors and returns the row, or null when it has any. */
export type RowValidator<K extends string, R> = (record: CsvRecord, map: HeaderMap<K>, errors: RowError[]) => R | null;

/** At most this many errors are kept: a wrong file (say, a price list) would otherwise list every cell. */
export const MAX_ERRORS = 5000;

export class ImportCheck<K extends string, R> {
  private map: HeaderMap<K> | null = null;
  private readonly rows: R[] = [];
  private readonly errors: RowError[] = [];
  private errorCount = 0;
  private records = 0;

  constructor(
    private readonly columns: readonly ColumnDef<K>[],
    private readonly validate: RowValidator<K, R>,
    /** Column groups of which the header must have at least one (say, SKU or barcode). */
    private readonly anyOf: readonly (readonly K[])[] = [],
  ) {}

  add(records: readonly CsvRecord[]): void {
    for (const record of records) {
      if (this.map === null) {
        this.map = mapHeader(record.fields, this.columns, record.line);
        for (const group of this.anyOf) {
          if (group.every((k) => this.map?.index[k] === undefined)) {
            const labels = group.map((k) => this.columns.find((c) => c.key === k)?.label ?? k);
            this.map.errors.push({ row: record.line, column: labels.join(' / '), reason: `The header needs a ${labels.join(' or a ')} column.` });
          }
        }
        this.push(this.map.errors);
        continue;
      }
      this.records += 1;
      const found: RowError[] = [];
      if (record.problem !== undefined) found.push({ row: record.line, column: '', reason: `The line is not valid CSV: ${record.problem}.` });
      else if (record.fields.length !== this.map.width) {
        found.push({ row: record.line, column: '', reason: `The row has ${record.fields.length} fields, the header ${this.map.width}.` });
      } else if (this.map.errors.length === 0) {
        const row = this.validate(record, this.map, found);
        if (row !== null && found.length === 0) this.rows.push(row);
      }
      this.push(found);
    }
  }

  /** Errors counted, including any beyond {@link MAX_ERRORS}. */
  get totalErrors(): number {
    return this.errorCount;
  }

  finish(): CheckResult<R> {
    if (this.map === null) this.push([{ row: 1, column: '', reason: 'The file is empty: it needs a header row and at least one row.' }]);
    else if (this.records === 0) this.push([{ row: 2, column: '', reason: 'The file has a header but no rows.' }]);
    return { rows: this.rows, errors: this.errors, ignored: this.map?.ignored ?? [], records: this.records, errorCount: this.errorCount };
  }

  private push(found: readonly RowError[]): void {
    this.errorCount += found.length;
    for (const e of found) if (this.errors.length < MAX_ERRORS) this.errors.push(e);
  }
}
