import { useState } from 'react';
import type { CustomerDetail } from '../../../../../shared/src/api/customers-api.js';
import { GST_STATES } from '../../../../../shared/src/gstin.js';
import { formatINR, paise } from '../../../../../shared/src/money.js';
import { stateText } from '../../../state/customers-view.js';
import { useApp } from '../../../state/store.js';

const when = (iso: string): string => (iso === '' ? '' : new Date(iso).toLocaleString('en-IN', { timeZone: 'Asia/Kolkata', dateStyle: 'medium', timeStyle: 'short' }));
const SOURCE_LABELS: Record<string, string> = { sale: 'Sale', return: 'Return', adjustment: 'Void / adjustment' };

/** One customer: balances, the edit form (name, GSTIN, state), invoices to reprint, ledger entries. */
export function CustomerPanel(props: { detail: CustomerDetail }) {
  const { customer, balances, purchases, ledger } = props.detail;
  const save = useApp((s) => s.customersSave);
  const reprint = useApp((s) => s.customersReprint);
  const [name, setName] = useState(customer.name);
  const [gstin, setGstin] = useState(customer.gstin ?? '');
  const [stateCode, setStateCode] = useState(customer.stateCode ?? '');
  const [saved, setSaved] = useState(false);
  const completed = purchases.filter((p) => p.status === 'completed');
  const spent = completed.reduce((a, p) => a + p.totalPaise, 0);

  return (
    <div className="customers-panel" data-testid="customer-panel">
      <header className="customers-head">
        <h3>
          {customer.name} {customer.gstin !== null && <span className="customers-b2b">B2B</span>}
        </h3>
        <span>
          {customer.phone} · {stateText(customer.stateCode)}
        </span>
      </header>
      <div className="customers-balances">
        <div>
          <span>Points</span>
          <strong data-testid="customer-points">{balances.points.toLocaleString('en-IN')}</strong>
        </div>
        <div>
          <span>Store credit</span>
          <strong data-testid="customer-credit">{formatINR(balances.storeCreditPaise)}</strong>
        </div>
        <div>
          <span>Invoices</span>
          <strong>{completed.length}</strong>
        </div>
        <div>
          <span>Spent</span>
          <strong>{formatINR(paise(spent))}</strong>
        </div>
      </div>
      <form
        className="customers-edit"
        onSubmit={(e) => {
          e.preventDefault();
          void save(customer.id, { name, gstin, stateCode }).then(setSaved);
        }}
      >
        <label>
          Name
          <input data-testid="customer-edit-name" value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          GSTIN (B2B)
          <input data-testid="customer-edit-gstin" value={gstin} maxLength={15} onChange={(e) => setGstin(e.target.value.toUpperCase())} placeholder="e.g. 29ABCDE1234F1Z5" />
        </label>
        <label>
          State {gstin.trim() !== '' && <span className="hint">(from GSTIN)</span>}
          <select data-testid="customer-edit-state" value={gstin.trim() !== '' ? gstin.slice(0, 2) : stateCode} disabled={gstin.trim() !== ''} onChange={(e) => setStateCode(e.target.value)}>
            <option value="">—</option>
            {Object.entries(GST_STATES).map(([code, label]) => (
              <option key={code} value={code}>
                {code} {label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="primary" data-testid="customer-save">
          {saved ? 'Saved ✓' : 'Save (Enter)'}
        </button>
      </form>
      <h4>Invoices</h4>
      <table className="report-list" data-testid="customer-history">
        <thead>
          <tr>
            <th>Invoice</th>
            <th>Date</th>
            <th>Counter</th>
            <th className="money">Total</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {purchases.length === 0 && (
            <tr className="row-quiet">
              <td colSpan={5}>No invoices yet.</td>
            </tr>
          )}
          {purchases.map((p) => (
            <tr key={p.saleId} className={p.status === 'voided' ? 'row-quiet' : ''}>
              <td className="strong">
                {p.invoiceNo}
                {p.status === 'voided' && ' (void)'}
              </td>
              <td>{when(p.at)}</td>
              <td>{p.thisCounter ? 'This counter' : 'Other counter'}</td>
              <td className="money">{formatINR(p.totalPaise)}</td>
              <td>
                {p.thisCounter ? (
                  <button type="button" className="link" data-testid="customer-reprint" onClick={() => void reprint(p.saleId)}>
                    Reprint
                  </button>
                ) : (
                  <span className="hint">at its counter</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {ledger.length > 0 && (
        <>
          <h4>Points and credit</h4>
          <table className="report-list customers-ledger">
            <thead>
              <tr>
                <th>Date</th>
                <th>Source</th>
                <th className="money">Points</th>
                <th className="money">Store credit</th>
              </tr>
            </thead>
            <tbody>
              {ledger.map((e) => (
                <tr key={e.id}>
                  <td>{when(e.at)}</td>
                  <td>{SOURCE_LABELS[e.sourceType] ?? e.sourceType}</td>
                  <td className="money">{e.kind === 'points' ? (e.delta > 0 ? `+${e.delta}` : e.delta) : ''}</td>
                  <td className="money">{e.kind === 'store_credit' ? formatINR(paise(e.delta)) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
