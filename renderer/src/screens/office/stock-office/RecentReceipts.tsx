import { formatINR } from '../../../../../shared/src/money.js';
import { downloadText } from '../../../api/download.js';
import { istDateTime } from '../../../ist-time.js';
import { receiptsCsv, syncLabel } from '../../../state/stock-office/stock-office-csv.js';
import { useApp } from '../../../state/store.js';

/** This counter's recent receipts, with where each one's sync stands, and the CSV export. */
export function RecentReceipts() {
  const rows = useApp((s) => s.stockReceipts);
  const today = useApp((s) => s.info?.businessDate ?? '');
  return (
    <section className="stock-office-recent">
      <div className="report-section-head">
        <h3>Recent receipts</h3>
        <button
          type="button"
          data-testid="gr-export"
          disabled={rows.length === 0}
          onClick={() => {
            const file = receiptsCsv(rows, today);
            downloadText(file.filename, file.text);
          }}
        >
          Export CSV
        </button>
      </div>
      {rows.length === 0 ? (
        <p className="hint">No goods received on this counter yet.</p>
      ) : (
        <table className="list report-list" data-testid="gr-recent">
          <thead>
            <tr>
              <th>Received</th>
              <th>Supplier</th>
              <th>Invoice</th>
              <th>Date</th>
              <th className="money">Lines</th>
              <th className="money">Units</th>
              <th className="money">Cost</th>
              <th>By</th>
              <th>Sync</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.receiptId} data-testid="gr-recent-row">
                <td className="nowrap">{istDateTime(r.at)}</td>
                <td>{r.supplier}</td>
                <td>{r.supplierInvoiceNo}</td>
                <td className="nowrap">{r.supplierInvoiceDate}</td>
                <td className="money">{r.lines}</td>
                <td className="money">
                  {r.units}
                  {r.freeUnits > 0 && <span className="hint"> ({r.freeUnits} free)</span>}
                </td>
                <td className="money">{formatINR(r.costPaise)}</td>
                <td>{r.staffName}</td>
                <td className={r.sync.state === 'rejected' ? 'danger' : 'hint'}>{syncLabel(r.sync)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
