import { useState } from 'react';
import type { TransferView } from '../../../../../shared/src/api/transfers-api.js';
import { downloadText } from '../../../api/download.js';
import { transfersCsv } from '../../../state/transfers-csv.js';
import { TransferLinesTable, TransferStatusBadge, when } from './TransferLinesTable.js';

/**
 * Sent or incoming transfers, newest first; a row opens its lines. Incoming ones in transit get
 * a Receive button (the parent shows the receive form).
 */
export function TransferList(props: { kind: 'sent' | 'incoming'; transfers: readonly TransferView[]; onReceive?(t: TransferView): void }) {
  const [open, setOpen] = useState<string | null>(null);
  const { kind, transfers } = props;
  const exportCsv = () => {
    const file = transfersCsv(kind, transfers, new Date().toISOString().slice(0, 10));
    downloadText(file.filename, file.text);
  };
  return (
    <div className="transfers-list" data-testid={`transfers-${kind}`}>
      <div className="transfers-toolbar">
        <span>{transfers.length === 0 ? (kind === 'sent' ? 'Nothing sent from this branch yet.' : 'No transfers to this branch yet.') : `${transfers.length} transfer${transfers.length === 1 ? '' : 's'}`}</span>
        <button type="button" data-testid={`transfers-${kind}-csv`} disabled={transfers.length === 0} onClick={exportCsv}>Export CSV</button>
      </div>
      {transfers.length > 0 && (
        <table className="transfers-table">
          <thead>
            <tr>
              <th>Sent</th>
              <th>{kind === 'sent' ? 'To' : 'From'}</th>
              <th>By</th>
              <th className="num">Lines</th>
              <th className="num">Packs sent</th>
              <th className="num">Received</th>
              <th>Status</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {transfers.map((t) => {
              const other = kind === 'sent' ? t.toBranch : t.fromBranch;
              const expanded = open === t.transferId;
              return [
                <tr key={t.transferId} data-testid="transfer-row" className={expanded ? 'transfers-open' : ''}>
                  <td>{when(t.sentAt)}</td>
                  <td>{other.code} · {other.name}</td>
                  <td>{t.sentByName}</td>
                  <td className="num">{t.lines.length}</td>
                  <td className="num">{t.totalSentQty}</td>
                  <td className="num">{t.totalReceivedQty ?? '—'}</td>
                  <td><TransferStatusBadge status={t.status} pendingSync={t.pendingSync} /></td>
                  <td className="transfers-actions">
                    <button type="button" data-testid="transfer-toggle" aria-expanded={expanded} onClick={() => setOpen(expanded ? null : t.transferId)}>
                      {expanded ? 'Hide lines' : 'Lines'}
                    </button>
                    {kind === 'incoming' && t.status === 'in_transit' && props.onReceive !== undefined && (
                      <button type="button" className="primary" data-testid="transfer-receive" onClick={() => props.onReceive?.(t)}>Receive</button>
                    )}
                  </td>
                </tr>,
                expanded && (
                  <tr key={`${t.transferId}-lines`}>
                    <td colSpan={8}>
                      {t.note !== '' && <p className="transfers-note">Note: {t.note}</p>}
                      {t.receivedAt !== null && (
                        <p className="transfers-note">Received {when(t.receivedAt)} by {t.receivedByName ?? '—'}{t.receivedNote ? ` — ${t.receivedNote}` : ''}</p>
                      )}
                      <TransferLinesTable transfer={t} />
                    </td>
                  </tr>
                ),
              ];
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}
