import type { ImportPreview } from '../../../../../shared/src/api/imports-api.js';
import { formatINR } from '../../../../../shared/src/money.js';
import { useApp } from '../../../state/store.js';
import { ImportOfficeSignIn } from './ImportOfficeSignIn.js';

const SHOWN_ERRORS = 200;

/** What the file would do: counts, every error (line, column, reason) and the first rows. */
export function ImportPreviewView({ preview, committing }: { preview: ImportPreview; committing: boolean }) {
  const clean = preview.errorCount === 0;
  const stock = preview.kind === 'openingStock';
  const needsOffice = useApp((s) => s.importNeedsOffice);
  const rows = `${preview.validRows} ${preview.validRows === 1 ? 'row' : 'rows'}`;
  return (
    <div className="imports-preview" data-testid="import-preview">
      <div className={clean ? 'notice notice-info' : 'notice notice-error'} data-testid="import-summary">
        <span>
          <strong>{preview.fileName}</strong>: {preview.records} rows, {preview.validRows} ready, {preview.errorCount} with errors.
          {stock && clean && ` ${preview.totals.units} packs at cost ${formatINR(preview.totals.costPaise)}.`}
          {!stock && clean && ` ${preview.totals.newProducts} new SKUs, ${preview.totals.updatedProducts} updates.`}
        </span>
        {!clean && <span>Nothing will be imported until every row is right.</span>}
      </div>
      {preview.ignoredColumns.length > 0 && (
        <div className="notice" data-testid="import-ignored">Columns ignored (not known): {preview.ignoredColumns.join(', ')}</div>
      )}
      {!clean && (
        <section className="imports-errors">
          <div className="imports-errors-head">
            <h3>Errors ({preview.errorCount})</h3>
            <button type="button" data-testid="import-error-report" onClick={() => useApp.getState().downloadImportErrors()}>Download error report (CSV)</button>
          </div>
          <table data-testid="import-errors">
            <thead>
              <tr><th>Line</th><th>Column</th><th>Reason</th></tr>
            </thead>
            <tbody>
              {preview.errors.slice(0, SHOWN_ERRORS).map((e, i) => (
                <tr key={`${e.row}-${e.column}-${i}`} data-testid="import-error-row">
                  <td className="num">{e.row}</td>
                  <td>{e.column === '' ? '(whole row)' : e.column}</td>
                  <td>{e.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {preview.errors.length > SHOWN_ERRORS && <p className="imports-more">…and {preview.errorCount - SHOWN_ERRORS} more in the error report.</p>}
        </section>
      )}
      {preview.sample.length > 0 && (
        <section className="imports-sample">
          <h3>{clean ? `First ${preview.sample.length} of ${preview.validRows} rows` : `First rows without errors`}</h3>
          <div className="imports-scroll">
            <table data-testid="import-sample">
              <thead>
                <tr>{preview.columns.map((c) => <th key={c}>{c}</th>)}</tr>
              </thead>
              <tbody>
                {preview.sample.map((r) => (
                  <tr key={r[0]}>{r.map((v, i) => <td key={i}>{v}</td>)}</tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
      {!stock && clean && needsOffice && <ImportOfficeSignIn busy={committing} />}
      <div className="imports-actions">
        {stock || clean ? (
          <button type="button" className="primary" data-testid="import-commit" disabled={!clean || committing || needsOffice} onClick={() => void useApp.getState().commitImport()}>
            {stock ? `Import ${rows}` : `Commit ${rows} at the office`} <kbd>Enter</kbd>
          </button>
        ) : null}
        {!stock && (
          <span className="imports-office-note" data-testid="import-office-note">
            {clean ? 'The office checks the file again against its catalogue and records every row or none; every counter, this one included, receives the products with its next sync.' : 'Fix the rows above, then upload the file again.'}
          </span>
        )}
        <button type="button" data-testid="import-discard" disabled={committing} onClick={() => useApp.getState().discardImport()}>
          Discard <kbd>Esc</kbd>
        </button>
      </div>
    </div>
  );
}
