import { useEffect, useRef, useState } from 'react';
import type { SaleSummary, StaffSummary } from '../../../shared/src/api-contract.js';
import { formatINR } from '../../../shared/src/money.js';
import { call } from '../api/bridge.js';
import { Dialog } from '../components/Dialog.js';
import { istDateTime } from '../ist-time.js';
import { useApp } from '../state/store.js';

/** Today's and recent sales: Enter reprints; a manager can void with a PIN and a reason. */
export function RecentDialog() {
  const close = useApp((s) => s.closeDialog);
  const showInvoice = useApp((s) => s.showInvoice);
  const [sales, setSales] = useState<SaleSummary[]>([]);
  const [active, setActive] = useState(0);
  const [voiding, setVoiding] = useState<SaleSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  // React's autoFocus only works on form controls, so the list takes the focus itself.
  const listRef = useRef<HTMLDivElement>(null);
  useEffect(() => listRef.current?.focus(), []);

  const load = () => void call('sale.recent', { limit: 30 }).then((r) => (r.ok ? setSales(r.value) : setError(r.error.message)));
  useEffect(load, []);

  async function reprint(sale: SaleSummary) {
    const invoice = await call('sale.get', { saleId: sale.saleId });
    if (invoice.ok) showInvoice(invoice.value);
    else setError(invoice.error.message);
  }

  return (
    <Dialog title="Recent sales" onClose={close} wide>
      <div
        ref={listRef}
        className="recent"
        tabIndex={0}
        onKeyDown={(e) => {
          if (voiding !== null) return;
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp' || e.key === 'Enter') e.preventDefault();
          const chosen = sales[active];
          if (e.key.toLowerCase() === 'v' && chosen?.status === 'completed') {
            // Keep the 'v' out of the reason box that takes the focus next.
            e.preventDefault();
            return setVoiding(chosen);
          }
          if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, sales.length - 1));
          if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
          const sale = sales[active];
          if (e.key === 'Enter' && sale !== undefined) void reprint(sale);
        }}
      >
        <table className="list">
          <thead>
            <tr>
              <th>Invoice</th>
              <th>Time</th>
              <th>Customer</th>
              <th className="money">Total</th>
              <th>Status</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {sales.map((s, i) => (
              <tr key={s.saleId} data-testid="recent-sale-row" className={i === active ? 'row-active' : ''} onClick={() => setActive(i)}>
                <td className="mono">{s.invoiceNo}</td>
                <td>{istDateTime(s.at)}</td>
                <td>{s.customerName ?? 'Walk-in'}</td>
                <td className="money">{formatINR(s.totalPaise)}</td>
                <td className={s.status === 'voided' ? 'voided' : ''}>{s.status}</td>
                <td>
                  <button type="button" className="link" onClick={() => void reprint(s)}>
                    reprint
                  </button>
                  {s.status === 'completed' && (
                    <button type="button" className="link danger" onClick={() => setVoiding(s)}>
                      void
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {sales.length === 0 ? <p className="hint">No sales yet on this counter.</p> : <p className="hint">↑/↓ choose · Enter reprint · V void (needs a manager PIN) · Esc close</p>}
      </div>
      {voiding !== null && <VoidForm sale={voiding} onDone={() => (setVoiding(null), load(), void useApp.getState().refreshSync())} />}
      {error !== null && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  );
}

function VoidForm(props: { sale: SaleSummary; onDone: () => void }) {
  const [managers, setManagers] = useState<StaffSummary[]>([]);
  const [managerId, setManagerId] = useState('');
  const [pin, setPin] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void call('auth.staffList', {}).then((r) => {
      if (!r.ok) return;
      const list = r.value.filter((s) => s.role === 'manager' || s.role === 'admin');
      setManagers(list);
      setManagerId(list[0]?.id ?? '');
    });
  }, []);
  return (
    <form
      className="form void-form"
      onSubmit={(e) => {
        e.preventDefault();
        void call('sale.void', { saleId: props.sale.saleId, reason, managerStaffId: managerId, managerPin: pin }).then((r) => (r.ok ? props.onDone() : setError(r.error.message)));
      }}
    >
      <h3>Void {props.sale.invoiceNo} — the number stays used</h3>
      <label>
        Reason
        <input autoFocus value={reason} onChange={(e) => setReason(e.target.value)} placeholder="e.g. customer changed mind before leaving" />
      </label>
      <label>
        Manager
        <select value={managerId} onChange={(e) => setManagerId(e.target.value)}>
          {managers.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Manager PIN
        <input type="password" inputMode="numeric" value={pin} onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))} />
      </label>
      {error !== null && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="primary danger-bg">
        Void sale
      </button>
    </form>
  );
}
