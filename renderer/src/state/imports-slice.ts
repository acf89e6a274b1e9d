import type { StateCreator } from 'zustand';
import { IMPORT_PART_CHARS, type ImportCommitResult, type ImportKind, type ImportPreview } from '../../../shared/src/api/imports-api.js';
import type { ApiReturn } from '../../../shared/src/api-contract.js';
import type { ApiResult } from '../../../shared/src/errors.js';
import { call } from '../api/bridge.js';
import { downloadText } from '../api/download.js';
import { errorReportCsv, splitParts, templateCsv } from './import-files.js';
import type { AppState } from './store.js';

export type ImportPhase = 'idle' | 'sending' | 'preview' | 'committing' | 'done';

/** What a commit did: opening stock recorded here, or the catalogue at the office. */
export type ImportDone = ImportCommitResult;

/** State of CSV import of the catalogue and opening stock. */
export interface ImportsSlice {
  importKind: ImportKind;
  importPhase: ImportPhase;
  /** Parts sent of the file, for the progress bar. */
  importProgress: { done: number; total: number };
  importPreview: ImportPreview | null;
  importDone: ImportDone | null;
  importError: string | null;
  /** The catalogue commit needs the admin's office sign-in (username and password) first. */
  importNeedsOffice: boolean;
  setImportKind(kind: ImportKind): void;
  /** Sends the file to the core in parts (each is read and checked as it arrives) and shows the preview. */
  uploadImport(file: { name: string; text: string }): Promise<void>;
  commitImport(): Promise<void>;
  /** Signs in to the office (reports.officeSignIn) and, when that worked, commits the catalogue. */
  signInAndCommitImport(username: string, password: string): Promise<boolean>;
  discardImport(): void;
  downloadImportErrors(): void;
  downloadImportTemplate(): void;
  exportImportCsv(what: 'catalogue' | 'stock'): Promise<void>;
}

const cleared = { importPhase: 'idle' as const, importProgress: { done: 0, total: 0 }, importPreview: null, importDone: null, importError: null, importNeedsOffice: false };

export const createImportsSlice: StateCreator<AppState, [], [], ImportsSlice> = (set, get) => ({
  importKind: 'openingStock',
  ...cleared,

  setImportKind(kind) {
    const preview = get().importPreview;
    if (preview !== null) void call('imports.discard', { uploadId: preview.uploadId });
    set({ importKind: kind, ...cleared });
  },

  async uploadImport(file) {
    const kind = get().importKind;
    const old = get().importPreview;
    if (old !== null) void call('imports.discard', { uploadId: old.uploadId });
    const parts = splitParts(file.text, IMPORT_PART_CHARS);
    set({ ...cleared, importPhase: 'sending', importProgress: { done: 0, total: parts.length } });
    let uploadId: string | null = null;
    for (const [i, part] of parts.entries()) {
      const r: ApiResult<ApiReturn<'imports.upload'>> = await call('imports.upload', { kind, uploadId, fileName: file.name, part, partNo: i + 1, parts: parts.length });
      if (!r.ok) return set({ ...cleared, importError: r.error.message });
      uploadId = r.value.uploadId;
      set({ importProgress: { done: i + 1, total: parts.length } });
      if (r.value.preview !== null) return set({ importPhase: 'preview', importPreview: r.value.preview });
    }
  },

  async commitImport() {
    const preview = get().importPreview;
    if (preview === null || preview.errorCount > 0 || get().importPhase !== 'preview') return;
    set({ importPhase: 'committing', importError: null });
    const r = await call('imports.commit', { uploadId: preview.uploadId });
    // The catalogue is committed at the office: without a live office sign-in, ask for it here.
    if (!r.ok && r.error.code === 'auth.required') return set({ importPhase: 'preview', importNeedsOffice: true, importError: null });
    if (!r.ok) return set({ importPhase: 'preview', importError: r.error.message });
    set({ ...cleared, importPhase: 'done', importDone: r.value });
  },

  async signInAndCommitImport(username, password) {
    if (get().importPhase !== 'preview') return false;
    set({ importPhase: 'committing', importError: null });
    const r = await call('reports.officeSignIn', { username: username.trim(), password });
    if (!r.ok) {
      set({ importPhase: 'preview', importError: r.error.message });
      return false;
    }
    set({ importPhase: 'preview', importNeedsOffice: false });
    await get().commitImport();
    return true;
  },

  discardImport() {
    const preview = get().importPreview;
    if (preview !== null) void call('imports.discard', { uploadId: preview.uploadId });
    set({ ...cleared });
  },

  downloadImportErrors() {
    const preview = get().importPreview;
    if (preview === null) return;
    const base = preview.fileName.replace(/\.csv$/i, '') || 'import';
    downloadText(`${base}-errors.csv`, errorReportCsv(preview.errors));
  },

  downloadImportTemplate() {
    const t = templateCsv(get().importKind);
    downloadText(t.filename, t.text);
  },

  async exportImportCsv(what) {
    const r = await call('imports.export', { what });
    if (!r.ok) return set({ importError: r.error.message });
    downloadText(r.value.filename, r.value.text);
  },
});
