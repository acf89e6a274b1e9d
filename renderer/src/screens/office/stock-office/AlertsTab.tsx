import { useEffect, useState, type ReactNode } from 'react';
import type { AlertBatch, ReorderLevelRow } from '../../../../../shared/src/api/stock-office-api.js';
import { addDays } from '../../../../../shared/src/dates.js';
import { formatINR } from '../../../../../shared/src/money.js';
import { canAdjustStock, canRecordAdjustment } from '../../../../../shared/src/roles.js';
import { call } from '../../../api/bridge.js';
import { downloadText } from '../../../api/download.js';
import type { CsvFile } from '../../../state/report-csv.js';
import { batchAlertsCsv, reorderAlertsCsv } from '../../../state/stock-office/stock-office-csv.js';
import { useApp } from '../../../state/store.js';
import { ProductPicker } from './ProductPicker.js';

function Section(props: { title: string; count: number; testId: string; csv: CsvFile | null; hint: string; children: ReactNode }) {
  return (
    <section className="stock-office-recent" data-testid={props.testId}>
      <div className="report-section-head">
        <h3>
          {props.title} <span className={props.count > 0 ? 'stock-office-count' : 'stock-office-count stock-office-count-zero'}>{props.count}</span>
        </h3>
        <button
          type="button"
          data-testid={`${props.testId}-export`}
          disabled={props.csv === null}
          onClick={() => props.csv !== null && downloadText(props.csv.filename, props.csv.text)}
        >
          Export CSV
        </button>
      </div>
      <p className="hint">{props.hint}</p>
      {props.children}
    </section>
  );
}

function BatchTable(props: { rows: readonly AlertBatch[]; writeOff: ((b: AlertBatch) => void) | null; testId: string }) {
  if (props.rows.length === 0) return <p className="hint">None.</p>;
  return (
    <div className="report-table">
      <table className="list report-list">
        <thead>
          <tr>
            <th>Product</th>
            <th>Batch</th>
            <th>Expiry</th>
            <th className="money">Days</th>
            <th className="money">Qty</th>
            <th className="money">At cost</th>
            {props.writeOff !== null && <th />}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((b) => (
            <tr key={b.batchId} data-testid={`${props.testId}-row`}>
              <td>
                <span className="item-name">{b.name}</span> <span className="item-meta">{b.brand}</span>
              </td>
              <td className="mono">{b.batchNo}</td>
              <td className="nowrap">{b.expiry}</td>
              <td className="money">{b.daysLeft < 0 ? `${-b.daysLeft} ago` : b.daysLeft}</td>
              <td className="money">{b.qty}</td>
              <td className="money">{formatINR(b.costPaise)}</td>
              {props.writeOff !== null && (
                <td>
                  <button type="button" data-testid="alert-write-off" onClick={() => props.writeOff?.(b)}>
                    Write off
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Expired and near-expiry batches with stock, and products below their reorder level; each exportable. */
export function AlertsTab() {
  const alerts = useApp((s) => s.stockAlerts);
  const role = useApp((s) => s.staff?.role ?? 'cashier');
  const load = useApp((s) => s.loadStockAlerts);
  const writeOff = useApp((s) => s.writeOffBatch);
  const [levels, setLevels] = useState<ReorderLevelRow[]>([]);
  const [edits, setEdits] = useState<Record<string, string>>({});
  /** Products picked (or suggested) for a level that is not saved yet. */
  const [pending, setPending] = useState<ReorderLevelRow[]>([]);
  const [message, setMessage] = useState<{ kind: 'error' | 'info'; text: string } | null>(null);
  const manager = canAdjustStock(role);

  const refresh = async () => {
    await load();
    const r = await call('stock.reorderLevels', {});
    if (r.ok) setLevels(r.value);
  };
  useEffect(() => {
    void refresh();
  }, []);

  async function saveLevel(productId: string, text: string) {
    const minQty = /^\s*\d+\s*$/.test(text) ? Number(text) : null;
    if (minQty === null) return setMessage({ kind: 'error', text: 'A reorder level is a whole number of packs (0 clears it).' });
    const r = await call('stock.setReorderLevel', { productId, minQty });
    if (!r.ok) return setMessage({ kind: 'error', text: r.error.message });
    setEdits((e) => {
      const rest = { ...e };
      delete rest[productId];
      return rest;
    });
    setPending((p) => p.filter((x) => x.productId !== productId));
    setMessage({ kind: 'info', text: r.value === null ? 'Reorder level cleared.' : `Reorder level of ${r.value.name} set to ${r.value.minQty}.` });
    await refresh();
  }

  function propose(row: ReorderLevelRow, text: string) {
    if (!levels.some((l) => l.productId === row.productId)) setPending((p) => (p.some((x) => x.productId === row.productId) ? p : [...p, row]));
    setEdits((e) => ({ ...e, [row.productId]: e[row.productId] ?? text }));
  }

  /** Levels suggested from the last 90 days of sales: the SBA forecast of demand over lead + cover days. */
  async function suggest() {
    if (alerts === null) return;
    const r = await call('reports.reorderList', { from: addDays(alerts.businessDate, -89), to: alerts.businessDate });
    if (!r.ok) return setMessage({ kind: 'error', text: r.error.message });
    for (const row of r.value.rows) propose({ productId: row.productId, name: row.name, brand: row.brand, packSize: row.packSize, onHand: row.onHand, minQty: 0 }, String(Math.ceil(row.forecastQty)));
    setMessage({ kind: 'info', text: r.value.rows.length === 0 ? 'No product sold in the last 90 days is short of its forecast.' : `${r.value.rows.length} levels suggested from ${r.value.method} over ${r.value.leadDays}+${r.value.coverDays} days: check them and press Enter on each to save.` });
  }

  if (alerts === null) return <p className="hint">Loading stock alerts…</p>;
  const today = alerts.businessDate;
  const below = new Map(alerts.belowReorder.map((r) => [r.productId, r]));
  return (
    <div className="stock-office" data-testid="stock-alerts">
      <h2 className="stock-office-title">Stock alerts</h2>
      {message !== null && (
        <div className={`notice notice-${message.kind}`} role="status">
          {message.text}
        </div>
      )}
      <Section title="Expired, still in stock" count={alerts.expired.length} testId="alerts-expired" csv={alerts.expired.length === 0 ? null : batchAlertsCsv('expired', alerts.expired, today)} hint="Blocked at the counter: they can never be sold. Write them off to take them out of stock.">
        <BatchTable rows={alerts.expired} writeOff={canRecordAdjustment(role) ? writeOff : null} testId="alerts-expired" />
      </Section>
      <Section title={`Expiring within ${alerts.nearExpiryDays} days`} count={alerts.nearExpiry.length} testId="alerts-near" csv={alerts.nearExpiry.length === 0 ? null : batchAlertsCsv('near-expiry', alerts.nearExpiry, today)} hint="Sold first at the counter (first expiry, first out); flagged on the bill.">
        <BatchTable rows={alerts.nearExpiry} writeOff={null} testId="alerts-near" />
      </Section>
      <Section title="Below reorder level" count={alerts.belowReorder.length} testId="alerts-reorder" csv={alerts.belowReorder.length === 0 ? null : reorderAlertsCsv(alerts.belowReorder, today)} hint={manager ? 'Levels are set per product by a manager: edit a level and press Enter (0 clears it).' : 'Levels are set per product by a manager.'}>
        {manager && (
          <div className="stock-office-header">
            <ProductPicker testId="reorder-product" placeholder="Set a reorder level: scan or search a product" onPick={(hit) => propose({ productId: hit.productId, name: hit.name, brand: hit.brand, packSize: hit.packSize, onHand: hit.stockQty, minQty: 0 }, '')} onError={(text) => setMessage({ kind: 'error', text })} />
            <button type="button" data-testid="reorder-suggest" onClick={() => void suggest()}>
              Suggest levels from sales (SBA)
            </button>
          </div>
        )}
        {levels.length === 0 && pending.length === 0 ? (
          <p className="hint">No reorder levels set yet.</p>
        ) : (
          <table className="list report-list">
            <thead>
              <tr>
                <th>Product</th>
                <th className="money">On hand</th>
                <th className="money">Reorder level</th>
                <th className="money">Short by</th>
              </tr>
            </thead>
            <tbody>
              {[...pending, ...levels].map((l) => {
                const short = below.get(l.productId);
                return (
                  <tr key={l.productId} data-testid="reorder-row" className={short === undefined ? 'row-quiet' : 'row-problem'}>
                    <td>
                      <span className="item-name">{l.name}</span> <span className="item-meta">{l.brand}</span>
                    </td>
                    <td className="money">{l.onHand}</td>
                    <td className="money">
                      {manager ? (
                        <input
                          className="stock-office-level"
                          data-testid="reorder-level"
                          aria-label={`Reorder level of ${l.name}`}
                          value={edits[l.productId] ?? String(l.minQty)}
                          onChange={(e) => setEdits((x) => ({ ...x, [l.productId]: e.target.value }))}
                          onKeyDown={(e) => {
                            if (e.key === 'Enter') {
                              e.preventDefault();
                              void saveLevel(l.productId, edits[l.productId] ?? String(l.minQty));
                            }
                          }}
                        />
                      ) : (
                        l.minQty
                      )}
                    </td>
                    <td className="money">{short?.shortBy ?? '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </Section>
    </div>
  );
}
