import { useEffect } from 'react';
import { downloadText } from '../../../api/download.js';
import { balanceText, customersCsv, stateText } from '../../../state/customers-view.js';
import { useApp } from '../../../state/store.js';
import { CustomerPanel } from './CustomerPanel.js';
import { LoyaltyRuleForm } from './LoyaltyRuleForm.js';

const todayIso = (): string => new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Kolkata' });

/** Back office → Customers: find by phone or name, open one for history, balances and edits; CSV export. */
export function CustomersTab() {
  const query = useApp((s) => s.customersQuery);
  const list = useApp((s) => s.customersList);
  const detail = useApp((s) => s.customersDetail);
  const error = useApp((s) => s.customersError);
  const role = useApp((s) => s.staff?.role);
  const search = useApp((s) => s.customersSearch);
  const open = useApp((s) => s.customersOpen);

  useEffect(() => {
    void search(useApp.getState().customersQuery);
  }, [search]);

  return (
    <div className="customers-tab">
      <section className="customers-list">
        <div className="customers-toolbar">
          <input
            autoFocus
            data-testid="customers-search"
            placeholder="Phone or name…"
            value={query}
            onChange={(e) => void search(e.target.value)}
            onKeyDown={(e) => {
              const first = list[0];
              if (e.key !== 'Enter' || first === undefined) return;
              e.preventDefault();
              void open(first.id);
            }}
          />
          <button type="button" data-testid="customers-csv" disabled={list.length === 0} onClick={() => (({ filename, text }) => downloadText(filename, text))(customersCsv(list, todayIso()))}>
            Export CSV
          </button>
        </div>
        <p className="hint">
          {list.length === 500 ? 'First 500 — type to narrow.' : `${list.length} customer${list.length === 1 ? '' : 's'}`} · Enter opens the first
        </p>
        <div className="customers-scroll">
          <table className="report-list" data-testid="customers-table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Phone</th>
                <th>GSTIN / state</th>
                <th className="money">Balance</th>
              </tr>
            </thead>
            <tbody>
              {list.map((c) => (
                <tr key={c.id} className={detail?.customer.id === c.id ? 'customers-row on' : 'customers-row'} onClick={() => void open(c.id)} data-testid="customers-row">
                  <td className="item-name">{c.name}</td>
                  <td>{c.phone}</td>
                  <td>{c.gstin ?? (c.stateCode === null ? '' : stateText(c.stateCode))}</td>
                  <td className="money">{balanceText(c.balances)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {(role === 'manager' || role === 'admin') && <LoyaltyRuleForm />}
      </section>
      <section className="customers-detail">
        {error !== null && (
          <p className="notice notice-error" role="alert">
            {error}
          </p>
        )}
        {detail === null ? <p className="hint">Pick a customer to see their invoices, points and store credit.</p> : <CustomerPanel key={detail.customer.id} detail={detail} />}
      </section>
    </div>
  );
}
