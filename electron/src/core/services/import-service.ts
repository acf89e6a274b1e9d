/**
 * CSV imports at the counter (docs/imports.md). The screen sends the file's text in parts; each
 * part is read and checked as it arrives, and the last one answers the preview: the first rows,
 * every error with its line and column. Nothing changes until commit, which re-checks the whole
 * file against the store inside its one transaction and records it only when no row has an error.
 * Uploads live in memory (a few at a time, per staff member) and die with the app.
 */
import type { StaffSummary } from '../../../../shared/src/api-contract.js';
import { IMPORT_MAX_CHARS, IMPORT_PART_CHARS, type ImportCommitResult, type ImportKind, type ImportPreview } from '../../../../shared/src/api/imports-api.js';
import { catalogueCheck, type CatalogueColumn, type CatalogueRow } from '../../../../shared/src/csv/catalogue-rows.js';
import { CsvReader, type CsvRecord } from '../../../../shared/src/csv/csv-reader.js';
import type { CheckResult, ImportCheck } from '../../../../shared/src/csv/import-check.js';
import { openingStockCheck, type OpeningStockColumn, type OpeningStockRow } from '../../../../shared/src/csv/opening-stock-rows.js';
import { fail, ok, type ApiResult } from '../../../../shared/src/errors.js';
import { paise } from '../../../../shared/src/money.js';
import { rupeesField } from '../../../../shared/src/reports/csv.js';
import { stmt, writeTx } from '../store/open-store.js';
import { readLink } from '../sync/link-store.js';
import { newId, type CoreContext } from './context.js';
import { recordOpeningStock, storeLookups, type StoreLookups } from './import-opening-stock.js';

interface Upload {
  id: string;
  kind: ImportKind;
  staffId: string;
  fileName: string;
  chars: number;
  partsSeen: number;
  reader: CsvReader;
  /** Every record read, kept for the re-check at commit. */
  records: CsvRecord[];
  /** The check the records go through as they are read, so the progress of the parts is the progress of the check. */
  checking: Checking;
  preview: ImportPreview | null;
  /** The catalogue's parts as sent, so the office reads the very file (its row numbers are the file's lines). */
  text: string[];
}

/** The office's authorised REST call (OfficeReports.post): the admin's office sign-in, kept in memory. */
export interface OfficePoster {
  post<T>(staff: StaffSummary, path: string, body: unknown, what?: string): Promise<ApiResult<T>>;
}

/** The office's reply to a catalogue import. */
interface CatalogueImported {
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
}

type Checking =
  | { kind: 'openingStock'; lookups: StoreLookups; check: ImportCheck<OpeningStockColumn, OpeningStockRow> }
  | { kind: 'catalogue'; known: Set<string>; check: ImportCheck<CatalogueColumn, CatalogueRow> };

const SAMPLE_ROWS = 50;
const MAX_UPLOADS = 4;

/** Who may import what: the catalogue belongs to the central office (admins); opening stock to the branch's manager. */
export function mayImport(role: StaffSummary['role'], kind: ImportKind): boolean {
  return kind === 'catalogue' ? role === 'admin' : role === 'manager' || role === 'admin';
}

export class ImportService {
  private readonly uploads = new Map<string, Upload>();

  constructor(
    private readonly ctx: CoreContext,
    /** Where a catalogue is committed; null on a counter without the office (the commit then says so). */
    private readonly office: OfficePoster | null = null,
    /** Called after the office took a catalogue: the sync loop pulls the products now. */
    private readonly onCatalogueCommitted: () => void = () => undefined,
  ) {}

  upload(staff: StaffSummary, args: { kind: ImportKind; uploadId: string | null; fileName: string; part: string; partNo: number; parts: number }): ApiResult<{ uploadId: string; records: number; preview: ImportPreview | null }> {
    if (!mayImport(staff.role, args.kind)) {
      return fail('auth.forbidden', args.kind === 'catalogue' ? 'The catalogue belongs to the central office: an admin imports it.' : `${staff.name} (${staff.role}) cannot import opening stock: a manager must.`);
    }
    if (args.part.length > IMPORT_PART_CHARS) return fail('input.invalid', `A part may hold at most ${IMPORT_PART_CHARS} characters.`);
    if (args.partNo < 1 || args.partNo > args.parts || (args.partNo === 1) !== (args.uploadId === null)) {
      return fail('input.invalid', 'Parts are numbered 1 to parts; part 1 starts an upload (uploadId null), later parts name it.');
    }
    let upload: Upload;
    if (args.uploadId === null) {
      upload = { id: newId(this.ctx), kind: args.kind, staffId: staff.id, fileName: args.fileName, chars: 0, partsSeen: 0, reader: new CsvReader(), records: [], checking: this.startCheck(args.kind), preview: null, text: [] };
      this.uploads.set(upload.id, upload);
      for (const old of this.uploads.keys()) if (this.uploads.size > MAX_UPLOADS) this.uploads.delete(old);
    } else {
      const found = this.find(staff, args.uploadId);
      if (!found.ok) return found;
      upload = found.value;
      if (upload.kind !== args.kind || upload.preview !== null) return fail('input.invalid', 'That upload is complete or is of another kind: start a new one.');
      if (args.partNo !== upload.partsSeen + 1) return fail('input.invalid', `Part ${upload.partsSeen + 1} was expected, not part ${args.partNo}: send the file again.`);
    }
    upload.partsSeen = args.partNo;
    upload.chars += args.part.length;
    if (upload.chars > IMPORT_MAX_CHARS) {
      this.uploads.delete(upload.id);
      return fail('import.too_large', `The file is larger than ${Math.round(IMPORT_MAX_CHARS / 1_000_000)} MB: split it into smaller files.`);
    }
    if (upload.kind === 'catalogue') upload.text.push(args.part);
    const read = upload.reader.push(args.part);
    if (args.partNo === args.parts) read.push(...upload.reader.end());
    upload.records.push(...read);
    upload.checking.check.add(read);
    if (args.partNo < args.parts) return ok({ uploadId: upload.id, records: Math.max(0, upload.records.length - 1), preview: null });
    upload.preview = this.previewOf(upload);
    return ok({ uploadId: upload.id, records: upload.preview.records, preview: upload.preview });
  }

  /** Commits an upload of either kind (`imports.commit`): opening stock here, a catalogue at the office (docs/imports.md). */
  async commitUpload(staff: StaffSummary, uploadId: string): Promise<ApiResult<ImportCommitResult>> {
    const found = this.find(staff, uploadId);
    if (!found.ok) return found;
    return found.value.kind === 'catalogue' ? this.commitCatalogue(staff, found.value) : this.commit(staff, uploadId);
  }

  /** Records an opening-stock file with no errors, synchronously in one transaction. */
  commit(staff: StaffSummary, uploadId: string): ApiResult<ImportCommitResult> {
    const found = this.find(staff, uploadId);
    if (!found.ok) return found;
    const upload = found.value;
    if (upload.preview === null) return fail('input.invalid', 'The file has not been sent completely yet.');
    if (upload.kind === 'catalogue') return fail('input.invalid', 'That upload is a catalogue: it is committed at the office (commitUpload).');
    if (!mayImport(staff.role, upload.kind)) return fail('auth.forbidden', `${staff.name} (${staff.role}) cannot import opening stock: a manager must.`);
    const result = writeTx(this.ctx.db, (): ApiResult<ImportCommitResult> => {
      // Checked again against the store as it is now: a sync may have brought a lot since the preview.
      const checked = this.checkOpeningStock(upload.records);
      if (checked.errorCount > 0) return fail('import.has_errors', `The file has ${checked.errorCount} row error(s); nothing was imported. Fix them and upload again.`, { errorCount: checked.errorCount });
      return ok({ kind: 'openingStock' as const, ...recordOpeningStock(this.ctx, staff, upload.fileName, checked.rows) });
    });
    if (result.ok) this.uploads.delete(uploadId);
    return result;
  }

  /**
   * The office checks the file again against its own catalogue (which may differ from this counter's
   * replica) and writes every row or none; its row errors come back as `import.has_errors`.
   */
  private async commitCatalogue(staff: StaffSummary, upload: Upload): Promise<ApiResult<ImportCommitResult>> {
    if (upload.preview === null) return fail('input.invalid', 'The file has not been sent completely yet.');
    if (!mayImport(staff.role, 'catalogue')) return fail('auth.forbidden', 'The catalogue belongs to the central office: an admin imports it.');
    if (upload.preview.errorCount > 0) {
      return fail('import.has_errors', `The file has ${upload.preview.errorCount} row error(s); nothing was sent to the office. Fix them and upload again.`, { errorCount: upload.preview.errorCount });
    }
    if (this.office === null) return fail('device.unpaired', 'This counter has no way to the office: the catalogue is committed at the office.');
    const answer = await this.office.post<CatalogueImported>(staff, '/v1/admin/catalogue/import', { csv: upload.text.join('') }, 'The catalogue import');
    if (!answer.ok) return answer;
    // Dropped only now: after a refusal (not signed in, offline, row errors) the admin can sign in and commit again.
    this.uploads.delete(upload.id);
    this.onCatalogueCommitted();
    const r = answer.value;
    return ok({ kind: 'catalogue', rows: r.rows, inserted: r.inserted, updated: r.updated, unchanged: r.unchanged, server: readLink(this.ctx.db)?.server_url ?? '' });
  }

  discard(staff: StaffSummary, uploadId: string): { discarded: boolean } {
    const found = this.uploads.get(uploadId);
    if (found === undefined || found.staffId !== staff.id) return { discarded: false };
    this.uploads.delete(uploadId);
    return { discarded: true };
  }

  private find(staff: StaffSummary, uploadId: string): ApiResult<Upload> {
    const upload = this.uploads.get(uploadId);
    if (upload === undefined || upload.staffId !== staff.id) return fail('import.upload_unknown', 'That upload is not on this counter any more: choose the file again.');
    return ok(upload);
  }

  private checkOpeningStock(records: readonly CsvRecord[]): CheckResult<OpeningStockRow> {
    const check = openingStockCheck(storeLookups(this.ctx.db));
    check.add(records);
    return check.finish();
  }

  private startCheck(kind: ImportKind): Checking {
    if (kind === 'openingStock') {
      const lookups = storeLookups(this.ctx.db);
      return { kind, lookups, check: openingStockCheck(lookups) };
    }
    const products = stmt(this.ctx.db, /* sql */ `SELECT sku, barcode FROM products`).all() as { sku: string; barcode: string | null }[];
    const owner = new Map(products.filter((r) => r.barcode !== null).map((r) => [r.barcode as string, r.sku]));
    return { kind, known: new Set(products.map((p) => p.sku.toUpperCase())), check: catalogueCheck((b) => owner.get(b)) };
  }

  private previewOf(upload: Upload): ImportPreview {
    const base = { uploadId: upload.id, kind: upload.kind, fileName: upload.fileName };
    const summary = (r: CheckResult<unknown>) => ({ records: r.records, validRows: r.rows.length, errorCount: r.errorCount, errors: r.errors, ignoredColumns: r.ignored });
    const checking = upload.checking;
    if (checking.kind === 'openingStock') {
      const { lookups } = checking;
      const r = checking.check.finish();
      const units = r.rows.reduce((s, x) => s + x.qty, 0);
      const cost = r.rows.reduce((s, x) => s + x.qty * x.costPaise, 0);
      return {
        ...base,
        ...summary(r),
        columns: ['Line', 'SKU', 'Product', 'Brand', 'Batch', 'Expiry', 'Qty', 'Cost (₹)', 'MRP (₹)', 'Batch on file'],
        sample: r.rows.slice(0, SAMPLE_ROWS).map((x) => [
          String(x.line), x.sku, lookups.bySku(x.sku)?.name ?? '', lookups.bySku(x.sku)?.brand ?? '', x.batchNo, x.expiry, String(x.qty), rupeesField(x.costPaise), rupeesField(x.mrpPaise), x.batchId === null ? 'new' : 'another branch’s lot',
        ]),
        totals: { units, costPaise: paise(cost), newProducts: 0, updatedProducts: 0 },
      };
    }
    const { known } = checking;
    const r = checking.check.finish();
    const updated = r.rows.filter((x) => known.has(x.sku.toUpperCase())).length;
    return {
      ...base,
      ...summary(r),
      columns: ['Line', 'SKU', 'Name', 'Remedy', 'Potency', 'Form', 'Pack', 'Brand', 'HSN', 'Tax', 'MRP (₹)', 'Barcode', 'On file'],
      sample: r.rows.slice(0, SAMPLE_ROWS).map((x) => [
        String(x.line), x.sku, x.name, x.remedy, x.potency, x.form, x.packSize, x.brand, x.hsn, x.taxCategory, rupeesField(x.mrpPaise), x.barcode ?? '', known.has(x.sku.toUpperCase()) ? 'update' : 'new',
      ]),
      totals: { units: 0, costPaise: paise(0), newProducts: r.rows.length - updated, updatedProducts: updated },
    };
  }
}
