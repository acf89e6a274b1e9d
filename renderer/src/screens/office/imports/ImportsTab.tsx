import { useEffect, useRef } from 'react';
import type { ImportKind } from '../../../../../shared/src/api/imports-api.js';
import { IMPORT_KIND_LABELS } from '../../../state/import-files.js';
import { useApp } from '../../../state/store.js';
import { ImportPreviewView } from './ImportPreviewView.js';

const HINTS: Readonly<Record<ImportKind, string>> = {
  openingStock: 'One row per batch: sku (or barcode), batch no, expiry (YYYY-MM-DD or DD/MM/YYYY), qty, cost, and mrp (empty takes the catalogue MRP). Lots already in this branch’s stock are refused.',
  catalogue: 'One row per product, keyed by sku: name, remedy, potency, form, pack size, brand, hsn, tax category (classical or proprietary), mrp, barcode. The file is committed at the office (admin office sign-in); every counter receives the products with its next sync.',
};

/** The Imports tab: choose what to import, upload a CSV, read the preview and errors, commit all or nothing. */
export function ImportsTab() {
  const role = useApp((s) => s.staff?.role ?? null);
  const kind = useApp((s) => s.importKind);
  const phase = useApp((s) => s.importPhase);
  const progress = useApp((s) => s.importProgress);
  const preview = useApp((s) => s.importPreview);
  const done = useApp((s) => s.importDone);
  const error = useApp((s) => s.importError);
  const fileRef = useRef<HTMLInputElement | null>(null);
  const kinds: ImportKind[] = role === 'admin' ? ['openingStock', 'catalogue'] : ['openingStock'];

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const s = useApp.getState();
      if (s.dialog !== 'none' || s.importPreview === null || s.importPhase !== 'preview') return;
      if (e.key === 'Escape') {
        // Handled here so that Esc drops the file first and only a second Esc leaves the back office.
        e.preventDefault();
        s.discardImport();
      } else if (e.key === 'Enter' && s.importPreview.errorCount === 0 && !s.importNeedsOffice && !(e.target instanceof HTMLButtonElement)) {
        // With the office sign-in open, Enter submits that form instead.
        e.preventDefault();
        void s.commitImport();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const pick = async (files: FileList | null) => {
    const file = files?.[0];
    if (file === undefined) return;
    const text = await file.text();
    await useApp.getState().uploadImport({ name: file.name, text });
    if (fileRef.current !== null) fileRef.current.value = '';
  };

  return (
    <div className="imports" data-testid="imports-tab">
      <div className="imports-bar">
        <div className="imports-kinds" role="radiogroup" aria-label="What to import">
          {kinds.map((k) => (
            <button key={k} type="button" role="radio" aria-checked={k === kind} className={k === kind ? 'imports-kind active' : 'imports-kind'} data-testid={`import-kind-${k}`} onClick={() => useApp.getState().setImportKind(k)}>
              {IMPORT_KIND_LABELS[k]}
            </button>
          ))}
        </div>
        <div className="imports-exports">
          <button type="button" data-testid="import-template" onClick={() => useApp.getState().downloadImportTemplate()}>Template CSV</button>
          <button type="button" data-testid="import-export-stock" onClick={() => void useApp.getState().exportImportCsv('stock')}>Export stock CSV</button>
          <button type="button" data-testid="import-export-catalogue" onClick={() => void useApp.getState().exportImportCsv('catalogue')}>Export catalogue CSV</button>
        </div>
      </div>
      <p className="imports-hint">{HINTS[kind]}</p>
      <label className="imports-file">
        <span>Choose a CSV file</span>
        <input ref={fileRef} type="file" accept=".csv,text/csv" data-testid="import-file" disabled={phase === 'sending' || phase === 'committing'} onChange={(e) => void pick(e.target.files)} />
      </label>
      {phase === 'sending' && (
        <div className="imports-progress" data-testid="import-progress">
          <progress max={progress.total} value={progress.done} />
          <span>Reading and checking… part {progress.done} of {progress.total}</span>
        </div>
      )}
      {phase === 'committing' && (
        <div className="imports-progress" data-testid="import-progress">
          <progress />
          <span>Recording {preview?.validRows ?? 0} rows in one step…</span>
        </div>
      )}
      {error !== null && <div className="notice notice-error" role="alert" data-testid="import-error">{error}</div>}
      {done !== null && done.kind === 'openingStock' && (
        <div className="notice notice-info" role="status" data-testid="import-done">
          Imported {done.rows} batches, {done.units} packs in all. They sell from now on and reach the office with the next sync ({done.mutations} receipt{done.mutations === 1 ? '' : 's'} queued).
        </div>
      )}
      {done !== null && done.kind === 'catalogue' && (
        <div className="notice notice-info" role="status" data-testid="import-done">
          The office took the catalogue ({done.rows} rows): {done.inserted} new, {done.updated} updated, {done.unchanged} unchanged. Every counter, this one included, receives the products with its next sync.
        </div>
      )}
      {preview !== null && <ImportPreviewView preview={preview} committing={phase === 'committing'} />}
      {preview === null && done === null && phase === 'idle' && <p className="imports-empty">Nothing changes until you have read the preview and pressed Import.</p>}
    </div>
  );
}
