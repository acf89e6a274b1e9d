import { useEffect, useState } from 'react';
import type { TransferView } from '../../../../../shared/src/api/transfers-api.js';
import { useApp } from '../../../state/store.js';
import { ReceiveTransferForm } from './ReceiveTransferForm.js';
import { SendTransferForm } from './SendTransferForm.js';
import { TransferList } from './TransferList.js';

type View = 'incoming' | 'send' | 'sent';

/**
 * Transfers between branches (manager, admin): incoming transfers to count and receive, the
 * send form, and what this branch sent with its status as the destination reported it.
 */
export function TransfersTab() {
  const transfers = useApp((s) => s.transfers);
  const loadError = useApp((s) => s.transfersError);
  const load = useApp((s) => s.loadTransfers);
  const [view, setView] = useState<View>('incoming');
  const [receiving, setReceiving] = useState<TransferView | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    void load();
    // Pulled transfers arrive in the background: look again every few seconds while open.
    const timer = window.setInterval(() => void load(), 5000);
    return () => window.clearInterval(timer);
  }, [load]);

  const waiting = transfers?.incoming.filter((t) => t.status === 'in_transit').length ?? 0;
  const tabs: { id: View; label: string }[] = [
    { id: 'incoming', label: `Incoming${waiting > 0 ? ` (${waiting} to receive)` : ''}` },
    { id: 'send', label: 'Send' },
    { id: 'sent', label: 'Sent' },
  ];
  const show = (v: View) => {
    setView(v);
    setReceiving(null);
    setMessage(null);
  };

  return (
    <div className="transfers" data-testid="transfers-tab">
      <div className="transfers-row" role="group" aria-label="Transfers">
        {tabs.map((t) => (
          <button key={t.id} type="button" data-testid={`transfers-view-${t.id}`} className={view === t.id ? 'on' : ''} aria-pressed={view === t.id} onClick={() => show(t.id)}>
            {t.label}
          </button>
        ))}
        <button type="button" data-testid="transfers-refresh" onClick={() => void load()}>Refresh</button>
      </div>
      {message !== null && <div className="notice" role="status" data-testid="transfer-message">{message}</div>}
      {loadError !== null && <div className="notice notice-error" role="alert">{loadError.message}</div>}
      {transfers === null ? (
        <p>Loading…</p>
      ) : view === 'send' ? (
        <SendTransferForm
          onSent={(m) => {
            setView('sent');
            setMessage(m);
          }}
        />
      ) : view === 'sent' ? (
        <TransferList kind="sent" transfers={transfers.sent} />
      ) : receiving !== null ? (
        <ReceiveTransferForm
          transfer={receiving}
          onDone={() => {
            setReceiving(null);
          }}
        />
      ) : (
        <TransferList
          kind="incoming"
          transfers={transfers.incoming}
          onReceive={(t) => {
            setMessage(null);
            setReceiving(t);
          }}
        />
      )}
    </div>
  );
}
