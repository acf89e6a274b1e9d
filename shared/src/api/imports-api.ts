/** App API methods of CSV import of the catalogue and opening stock (issue 5). Merged into AppApi in ../api-contract.ts. */
import type { RowError } from '../csv/import-columns.js';
import type { Paise } from '../money.js';

export type ImportKind = 'catalogue' | 'openingStock';

/** What a checked file would do; nothing changes until `imports.commit`. */
export interface ImportPreview {
  uploadId: string;
  kind: ImportKind;
  fileName: string;
  /** Data rows read (the header not counted). */
  records: number;
  validRows: number;
  /** Every error counted; `errors` lists at most the first 5000. */
  errorCount: number;
  errors: RowError[];
  /** Header cells that name no known column (their data is ignored). */
  ignoredColumns: string[];
  /** The first valid rows as the screen shows them. */
  columns: string[];
  sample: string[][];
  /** Opening stock: packs and cost value in the file. Catalogue: SKUs new to the catalogue and SKUs already on it. */
  totals: { units: number; costPaise: Paise; newProducts: number; updatedProducts: number };
}

/** What `imports.commit` did: opening stock is recorded on the counter; the catalogue at the office. */
export type ImportCommitResult =
  | { kind: 'openingStock'; importId: string; rows: number; units: number; mutations: number }
  | {
      kind: 'catalogue';
      rows: number;
      /** New SKUs, SKUs on file that changed, SKUs on file named exactly as they are (from the office's reply). */
      inserted: number;
      updated: number;
      unchanged: number;
      /** The office server the file was committed to; every counter receives the products with its next sync. */
      server: string;
    };

export interface ImportsApi {
  /**
   * Sends the file's text in parts (each at most 131,072 characters, so a request stays under the
   * browser host's 1 MB body limit), numbered 1..parts in order; part 1 (uploadId null) starts a
   * new upload. Each part is read as it arrives; the answer to the last part carries the preview.
   */
  'imports.upload': {
    args: { kind: ImportKind; uploadId: string | null; fileName: string; part: string; partNo: number; parts: number };
    result: { uploadId: string; records: number; preview: ImportPreview | null };
  };
  /**
   * Opening stock: records every row in ONE transaction (batches, movements, stock.received mutations), only when the file has no errors.
   * Catalogue: posts the file's text to the office (`POST /v1/admin/catalogue/import`, the admin's office sign-in), which commits it all or nothing.
   */
  'imports.commit': { args: { uploadId: string }; result: ImportCommitResult };
  'imports.discard': { args: { uploadId: string }; result: { discarded: boolean } };
  /** CSV of the catalogue on this device, or of this branch's stock per batch. */
  'imports.export': { args: { what: 'catalogue' | 'stock' }; result: { filename: string; text: string } };
}

export const IMPORTS_METHODS: readonly (keyof ImportsApi)[] = ['imports.upload', 'imports.commit', 'imports.discard', 'imports.export'];

/** Error codes of this feature; part of ErrorCode (../errors.ts). */
export type ImportsErrorCode = 'import.upload_unknown' | 'import.has_errors' | 'import.too_large';

/** A part of an upload is at most this many characters (UTF-16 units). */
export const IMPORT_PART_CHARS = 131_072;
/** A whole file is at most this many characters (about 12 MB of CSV, far above 20,000 rows). */
export const IMPORT_MAX_CHARS = 12_000_000;
