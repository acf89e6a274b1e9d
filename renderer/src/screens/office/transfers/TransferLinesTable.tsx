import type { TransferView } from '../../../../../shared/src/api/transfers-api.js';
import { transferStatusLabel, type TransferStatus } from '../../../../../shared/src/transfers.js';

export const when = (iso: string | null): string => (iso === null ? '—' : new Date(iso).toLocaleString('en-IN', { dateStyle: 'medium', timeStyle: 'short' }));

/** Status as a badge; "waiting to sync" while this device's part has not reached the server. */
export function TransferStatusBadge(props: { status: TransferStatus; pendingSync: boolean }) {
  return (
    <span className={`transfers-status transfers-status-${props.status}`} data-testid="transfer-status">
      {transferStatusLabel(props.status)}
      {props.pendingSync && <span className="transfers-pending"> · waiting to sync</span>}
    </span>
  );
}

/** The lines of one transfer: sent, received and the difference (sent − received). */
export function TransferLinesTable(props: { transfer: TransferView }) {
  const t = props.transfer;
  return (
    <table className="transfers-lines" data-testid="transfer-lines">
      <thead>
        <tr>
          <th>#</th>
          <th>Product</th>
          <th>Batch</th>
          <th>Expiry</th>
          <th className="num">Sent</th>
          <th className="num">Received</th>
          <th className="num">Difference</th>
        </tr>
      </thead>
      <tbody>
        {t.lines.map((l) => (
          <tr key={l.lineNo} className={l.differenceQty !== null && l.differenceQty !== 0 ? 'transfers-diff' : ''}>
            <td>{l.lineNo}</td>
            <td>{l.productName}</td>
            <td>{l.batchNo}</td>
            <td>{l.expiry}</td>
            <td className="num">{l.qty}</td>
            <td className="num">{l.receivedQty ?? '—'}</td>
            <td className="num" data-testid="transfer-line-difference">{l.differenceQty === null ? '—' : l.differenceQty === 0 ? '0' : l.differenceQty > 0 ? `${l.differenceQty} short` : `${-l.differenceQty} over`}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
