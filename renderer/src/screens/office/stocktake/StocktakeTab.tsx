import { useEffect, useState } from 'react';
import { useApp } from '../../../state/store.js';
import { StocktakeSheetView } from './StocktakeSheetView.js';

const when = (iso: string): string => new Date(iso).toLocaleString('en-IN', { dateStyle: 'medium', timeStyle: 'short' });

/** Stocktake: the open sheet, or the start form and the latest sheets. */
export function StocktakeTab() {
  const sheet = useApp((s) => s.stocktakeSheet);
  const load = useApp((s) => s.loadStocktakes);
  useEffect(() => {
    void load();
  }, [load]);
  return sheet === null ? <StocktakeHome /> : <StocktakeSheetView />;
}

function StocktakeHome() {
  const brands = useApp((s) => s.stocktakeBrands);
  const sheets = useApp((s) => s.stocktakeSheets);
  const error = useApp((s) => s.stocktakeError);
  const start = useApp((s) => s.startStocktake);
  const open = useApp((s) => s.openStocktake);
  const [brand, setBrand] = useState('');
  const [form, setForm] = useState('');
  const [busy, setBusy] = useState(false);
  const chosen = brands.find((b) => b.brand === brand) ?? brands[0];
  const forms = chosen?.forms ?? [];

  return (
    <div className="stocktake">
      <form
        className="stocktake-start report-section"
        onSubmit={(e) => {
          e.preventDefault();
          if (chosen === undefined || busy) return;
          setBusy(true);
          void start(chosen.brand, form === '' ? null : form).finally(() => setBusy(false));
        }}
      >
        <h2>Start a count sheet</h2>
        <p className="hint">
          The sheet takes a snapshot of the system stock of every batch now. Count the shelf at your pace: sales and receipts made after the snapshot still
          apply on top of the count when it is posted.
        </p>
        <div className="stocktake-start-row">
          <label>
            Brand
            <select data-testid="stocktake-brand" autoFocus value={chosen?.brand ?? ''} onChange={(e) => (setBrand(e.target.value), setForm(''))}>
              {brands.map((b) => (
                <option key={b.brand} value={b.brand}>
                  {b.brand} ({b.products})
                </option>
              ))}
            </select>
          </label>
          <label>
            Form
            <select data-testid="stocktake-form" value={form} onChange={(e) => setForm(e.target.value)}>
              <option value="">Every form</option>
              {forms.map((f) => (
                <option key={f} value={f}>
                  {f}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="primary" data-testid="stocktake-start" disabled={chosen === undefined || busy}>
            Start counting <kbd>Enter</kbd>
          </button>
        </div>
        {error !== null && (
          <p className="notice notice-error" role="alert">
            {error}
          </p>
        )}
      </form>

      <section className="report-section">
        <h2>Count sheets</h2>
        {sheets.length === 0 ? (
          <p className="hint">No count sheets yet.</p>
        ) : (
          <table className="list" data-testid="stocktake-sheets">
            <thead>
              <tr>
                <th>Brand</th>
                <th>Form</th>
                <th>Snapshot</th>
                <th>Counted</th>
                <th>Status</th>
                <th>Started by</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {sheets.map((s) => (
                <tr key={s.stocktakeId}>
                  <td className="item-name">{s.brand}</td>
                  <td>{s.form ?? 'every form'}</td>
                  <td>{when(s.snapshotAt)}</td>
                  <td>
                    {s.counted} of {s.lines}
                  </td>
                  <td>
                    <span className={`stocktake-status stocktake-status-${s.status}`}>{s.status === 'counting' ? 'counting' : s.status}</span>
                  </td>
                  <td>{s.startedBy}</td>
                  <td>
                    <button type="button" onClick={() => void open(s.stocktakeId)}>
                      {s.status === 'counting' ? 'Continue' : 'View'}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
