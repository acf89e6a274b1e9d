import { useState, type FormEvent } from 'react';
import type { TransferView } from '../../../../../shared/src/api/transfers-api.js';
import { useApp } from '../../../state/store.js';
import { defaultReceived, parsePacks, receivedLines } from '../../../state/transfers-draft.js';
import { when } from './TransferLinesTable.js';

/** Counting an incoming transfer: packs received per line (default = sent), a note, confirm. */
export function ReceiveTransferForm(props: { transfer: TransferView; onDone(): void }) {
  const t = props.transfer;
  const receive = useApp((s) => s.receiveTransfer);
  const [typed, setTyped] = useState<Record<string, string>>(() => defaultReceived(t));
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const counted = receivedLines(t, typed);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!counted.ok) return setError(counted.message);
    if (counted.differenceQty !== 0 && note.trim() === '') return setError('The count differs from what was sent: say why in the note (broken, missing, extra…).');
    setBusy(true);
    const failed = await receive({ transferId: t.transferId, note, lines: counted.lines });
    setBusy(false);
    if (failed !== null) return setError(failed.message);
    props.onDone();
  };
  return (
    <form
      className="transfers-card"
      data-testid="transfer-receive-form"
      onSubmit={(e) => void submit(e)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          props.onDone();
        }
      }}
    >
      <h3>Receive from {t.fromBranch.code} · {t.fromBranch.name}</h3>
      <p className="transfers-note">Sent {when(t.sentAt)} by {t.sentByName}{t.note !== '' ? ` — ${t.note}` : ''}. Count what arrived; a line left as sent arrived in full.</p>
      <table className="transfers-lines">
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
          {t.lines.map((l, i) => {
            const got = parsePacks(typed[l.batchId] ?? '', 0);
            const diff = got === null ? null : l.qty - got;
            return (
              <tr key={l.lineNo} className={diff !== null && diff !== 0 ? 'transfers-diff' : ''}>
                <td>{l.lineNo}</td>
                <td>{l.productName}</td>
                <td>{l.batchNo}</td>
                <td>{l.expiry}</td>
                <td className="num">{l.qty}</td>
                <td className="num">
                  <input
                    className="transfers-qty"
                    data-testid="transfer-received-qty"
                    inputMode="numeric"
                    aria-label={`Received of line ${l.lineNo}`}
                    autoFocus={i === 0}
                    value={typed[l.batchId] ?? ''}
                    onFocus={(e) => e.target.select()}
                    onChange={(e) => {
                      setTyped({ ...typed, [l.batchId]: e.target.value });
                      setError(null);
                    }}
                  />
                </td>
                <td className="num">{diff === null ? '?' : diff === 0 ? '0' : diff > 0 ? `${diff} short` : `${-diff} over`}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <label className="transfers-field">
        Note {counted.ok && counted.differenceQty !== 0 ? '(required: the count differs)' : '(optional)'}
        <input data-testid="transfer-receive-note" maxLength={500} value={note} onChange={(e) => {
            setNote(e.target.value);
            setError(null);
          }} placeholder="e.g. one bottle broken in transit" />
      </label>
      {error !== null && <div className="notice notice-error" role="alert" data-testid="transfer-error">{error}</div>}
      <div className="transfers-row">
        <button type="submit" className="primary" disabled={busy} data-testid="transfer-receive-confirm">
          Confirm receipt{counted.ok && counted.differenceQty !== 0 ? ' with difference' : ''} <kbd>Enter</kbd>
        </button>
        <button type="button" onClick={props.onDone}>Cancel <kbd>Esc</kbd></button>
      </div>
    </form>
  );
}
