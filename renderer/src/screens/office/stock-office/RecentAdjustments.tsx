import { formatINR } from '../../../../../shared/src/money.js';
import { downloadText } from '../../../api/download.js';
import { istDateTime } from '../../../ist-time.js';
import { adjustmentsCsv, REASON_LABELS, syncLabel } from '../../../state/stock-office/stock-office-csv.js';
import { useApp } from '../../../state/store.js';

/** This counter's recent adjustments: reason, who recorded and who approved, value, sync. */
export function RecentAdjustments() {
  const rows = useApp((s) => s.stockAdjustments);
  const today = useApp((s) => s.info?.businessDate ?? '');
  return (
    <section className="stock-office-recent">
      <div className="report-section-head">
        <h3>Recent adjustments</h3>
        <button
          type="button"
          data-testid="adj-export"
          disabled={rows.length === 0}
          onClick={() => {
            const file = adjustmentsCsv(rows, today);
            downloadText(file.filename, file.text);
          }}
        >
          Export CSV
        </button>
      </div>
      {rows.length === 0 ? (
        <p className="hint">No adjustments on this counter yet.</p>
      ) : (
        <table className="list report-list" data-testid="adj-recent">
          <thead>
            <tr>
              <th>At</th>
              <th>Reason</th>
              <th>Note</th>
              <th className="money">Net packs</th>
              <th className="money">At cost</th>
              <th>By</th>
              <th>Approved by</th>
              <th>Sync</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.adjustmentId} data-testid="adj-recent-row">
                <td className="nowrap">{istDateTime(r.at)}</td>
                <td>{REASON_LABELS[r.reason]}</td>
                <td>{r.note}</td>
                <td className="money">{r.netQty > 0 ? `+${r.netQty}` : r.netQty}</td>
                <td className="money">
                  {formatINR(r.valuePaise)}
                  {r.aboveThreshold && <span className="badge"> above threshold</span>}
                </td>
                <td>{r.staffName}</td>
                <td>{r.approverName}</td>
                <td className={r.sync.state === 'rejected' ? 'danger' : 'hint'}>{syncLabel(r.sync)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
