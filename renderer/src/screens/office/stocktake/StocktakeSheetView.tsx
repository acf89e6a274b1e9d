import { useEffect, useRef, useState } from 'react';
import type { StocktakeSheet } from '../../../../../shared/src/api/stocktake-api.js';
import { formatINR, paise } from '../../../../../shared/src/money.js';
import { canAdjustStock } from '../../../../../shared/src/roles.js';
import { downloadText } from '../../../api/download.js';
import { useApp } from '../../../state/store.js';
import { isBarcodeLike } from '../../../state/scanner.js';
import { sheetRows, signedQty, stocktakeCsv, type StocktakeFilter } from '../../../state/stocktake-view.js';
import { CountInput } from './CountInput.js';
import { StocktakeConfirm } from './StocktakeConfirm.js';
import { VarianceSummary } from './VarianceSummary.js';

const when = (iso: string): string => new Date(iso).toLocaleString('en-IN', { dateStyle: 'medium', timeStyle: 'medium' });
const FILTERS: readonly { id: StocktakeFilter; label: string }[] = [
  { id: 'all', label: 'All batches' },
  { id: 'variance', label: 'Variances' },
  { id: 'uncounted', label: 'Not counted' },
];

/** One count sheet: scan or type counts, watch the variance, confirm once. */
export function StocktakeSheetView() {
  const sheet = useApp((s) => s.stocktakeSheet) as StocktakeSheet;
  const role = useApp((s) => s.staff?.role ?? 'cashier');
  const error = useApp((s) => s.stocktakeError);
  const lastBatch = useApp((s) => s.stocktakeLastBatch);
  const { scanStocktake, closeStocktake, cancelStocktake, clearStocktakeError } = useApp.getState();
  const [filter, setFilter] = useState<StocktakeFilter>('all');
  const [find, setFind] = useState('');
  const [confirming, setConfirming] = useState(false);
  const scanRef = useRef<HTMLInputElement>(null);
  const tableRef = useRef<HTMLTableElement>(null);
  const counting = sheet.status === 'counting';
  const words = isBarcodeLike(find) ? [] : find.trim().toLowerCase().split(/\s+/).filter((w) => w !== '');
  const rows = sheetRows(sheet, filter).filter((r) => words.every((w) => `${r.line.name} ${r.line.batchNo}`.toLowerCase().includes(w)));

  useEffect(() => {
    if (lastBatch === null) return;
    tableRef.current?.querySelector(`[data-batch-id="${lastBatch}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [lastBatch, sheet]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey && e.key === 'Enter' && counting && !confirming) {
        e.preventDefault();
        setConfirming(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [counting, confirming]);

  const focusRow = (index: number): void => {
    const inputs = tableRef.current?.querySelectorAll<HTMLInputElement>('input[data-count-row]');
    const next = inputs?.[index];
    if (next !== undefined) next.focus();
    else scanRef.current?.focus();
  };

  return (
    <div className="stocktake">
      <div className="stocktake-head">
        <div>
          <h2 data-testid="stocktake-title">
            {sheet.brand} · {sheet.form ?? 'every form'}
          </h2>
          <p className="hint">
            Snapshot {when(sheet.snapshotAt)} · started by {sheet.startedBy} ·{' '}
            <span className={`stocktake-status stocktake-status-${sheet.status}`} data-testid="stocktake-status">
              {sheet.status === 'posted' ? `posted by ${sheet.postedBy ?? ''}` : sheet.status}
            </span>
          </p>
        </div>
        <div className="stocktake-head-actions">
          <button type="button" data-testid="stocktake-csv" onClick={() => (({ filename, text }) => downloadText(filename, text))(stocktakeCsv(sheet))}>
            Export CSV
          </button>
          <button type="button" onClick={closeStocktake}>
            All sheets
          </button>
        </div>
      </div>

      {counting && (
        <form
          className="stocktake-scan"
          onSubmit={(e) => {
            e.preventDefault();
            const text = find.trim();
            if (isBarcodeLike(text)) {
              void scanStocktake(text).then(() => setFind(''));
            } else if (rows.length > 0) focusRow(0);
          }}
        >
          <input
            ref={scanRef}
            autoFocus
            className="search-input"
            data-testid="stocktake-scan"
            placeholder="Scan a pack (adds 1) or type a name to find its row, then Enter"
            value={find}
            onChange={(e) => {
              setFind(e.target.value);
              if (error !== null) clearStocktakeError();
            }}
            onKeyDown={(e) => {
              if (e.key === 'Escape' && find !== '') {
                e.preventDefault();
                setFind('');
              }
            }}
          />
        </form>
      )}
      {error !== null && (
        <p className="notice notice-error" role="alert" data-testid="stocktake-error">
          {error}
        </p>
      )}

      <VarianceSummary sheet={sheet} />

      <div className="stocktake-filters" role="group" aria-label="Show">
        {FILTERS.map((f) => (
          <button key={f.id} type="button" className={filter === f.id ? 'on' : ''} data-testid={`stocktake-filter-${f.id}`} onClick={() => setFilter(f.id)}>
            {f.label}
          </button>
        ))}
        <span className="hint">
          {rows.length} of {sheet.items.length} batches shown
        </span>
      </div>

      <div className="stocktake-table report-table report-table-tall">
        <table className="list report-list" ref={tableRef} data-testid="stocktake-lines">
          <thead>
            <tr>
              <th>Product</th>
              <th>Batch</th>
              <th>Expiry</th>
              <th className="money">Expected</th>
              <th className="money">Counted</th>
              <th className="money">Variance</th>
              <th className="money">At cost</th>
              <th className="money">At MRP</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ line, variance }, i) => (
              <tr
                key={line.batchId}
                data-batch-id={line.batchId}
                data-product-id={line.productId}
                data-barcode={line.barcode ?? ''}
                data-testid="stocktake-row"
                className={`stocktake-row-${variance.status}${line.batchId === lastBatch ? ' row-active' : ''}`}
              >
                <td className="item-name">{line.name}</td>
                <td className="mono">{line.batchNo}</td>
                <td>{line.expiry}</td>
                <td className="money" data-testid="stocktake-expected">
                  {line.expectedQty}
                </td>
                <td className="money">
                  {counting ? <CountInput line={line} index={i} onNext={() => focusRow(i + 1)} onDone={() => scanRef.current?.focus()} /> : (line.countedQty ?? '—')}
                </td>
                <td className={`money stocktake-var stocktake-var-${variance.status}`} data-testid="stocktake-variance">
                  {variance.status === 'uncounted' ? 'not counted' : signedQty(variance.units)}
                </td>
                <td className="money">{variance.status === 'uncounted' ? '' : formatINR(paise(variance.valueAtCostPaise))}</td>
                <td className="money">{variance.status === 'uncounted' ? '' : formatINR(paise(variance.valueAtMrpPaise))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {counting && (
        <div className="stocktake-actions">
          <button type="button" className="primary big-ish" data-testid="stocktake-confirm" disabled={sheet.report.totals.counted === 0} onClick={() => setConfirming(true)}>
            {canAdjustStock(role) ? 'Confirm and post the count' : 'Ask a manager to confirm'} <kbd>Ctrl+Enter</kbd>
          </button>
          <span className="hint">
            {sheet.report.totals.uncounted > 0 ? `${sheet.report.totals.uncounted} batches not counted keep their stock.` : 'Every batch is counted.'}
          </span>
          <button type="button" className="danger" onClick={() => void cancelStocktake()}>
            Cancel this sheet
          </button>
        </div>
      )}
      {confirming && <StocktakeConfirm sheet={sheet} onClose={() => setConfirming(false)} />}
    </div>
  );
}
