import { useEffect, useRef, useState } from 'react';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { OfficeReport } from '../../../../shared/src/api-contract.js';
import { paise } from '../../../../shared/src/money.js';
import { call } from '../../api/bridge.js';
import { officeBranchesCsv } from '../../state/report-csv.js';
import { METHOD_LABELS } from '../../state/report-format.js';
import { useApp } from '../../state/store.js';
import { rupeeTooltip, SERIES, STATIC } from './chart-theme.js';
import { Money, ReportSection } from './ReportSection.js';

/**
 * Every branch, from the office server (admins, online): sign in with the office password once per
 * session, then sales, GST and stock value per branch and the payment mix, for the chosen period.
 */
export function OfficePanel() {
  const period = useApp((s) => s.reportPeriod);
  const [report, setReport] = useState<OfficeReport | null>(null);
  const [needSignIn, setNeedSignIn] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [username, setUsername] = useState('admin');
  const [password, setPassword] = useState('');
  const passwordRef = useRef<HTMLInputElement | null>(null);

  const load = async (): Promise<void> => {
    if (period === null) return;
    setBusy(true);
    const r = await call('reports.office', { from: period.from, to: period.to });
    setBusy(false);
    if (r.ok) {
      setReport(r.value);
      setNeedSignIn(false);
      setError(null);
    } else if (r.error.code === 'auth.required') {
      setNeedSignIn(true);
      setError(null);
    } else setError(r.error.message);
  };

  useEffect(() => {
    void load();
  }, [period?.from, period?.to]);
  useEffect(() => {
    if (needSignIn) passwordRef.current?.focus();
  }, [needSignIn]);

  const signIn = async (): Promise<void> => {
    setBusy(true);
    const r = await call('reports.officeSignIn', { username: username.trim(), password });
    setBusy(false);
    setPassword('');
    if (!r.ok) {
      setError(r.error.message);
      passwordRef.current?.focus();
      return;
    }
    await load();
  };

  if (needSignIn) {
    return (
      <form
        className="office-signin"
        data-testid="office-signin"
        onSubmit={(e) => {
          e.preventDefault();
          void signIn();
        }}
      >
        <h2>All branches, from the office</h2>
        <p className="hint">Sign in with your office (REST) username and password. It is kept only while you stay logged in here.</p>
        <label>
          Username
          <input value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="username" data-testid="office-username" />
        </label>
        <label>
          Password
          <input ref={passwordRef} type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" data-testid="office-password" />
        </label>
        {error !== null && (
          <p className="error" role="alert" data-testid="office-error">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy || password === ''}>
          Sign in (Enter)
        </button>
      </form>
    );
  }
  if (report === null) {
    return error !== null ? (
      <div className="notice notice-error" role="alert" data-testid="office-error">
        {error}
      </div>
    ) : (
      <p className="hint report-loading">Asking the office…</p>
    );
  }
  const total = report.branches.reduce((s, b) => s + b.totalPaise, 0);
  const chart = report.branches.map((b) => ({ name: b.code, value: b.totalPaise }));
  return (
    <div data-testid="office-report">
      {error !== null && (
        <div className="notice notice-error" role="alert">
          {error}
        </div>
      )}
      <ReportSection
        id="office-branches"
        title="Sales by branch (office)"
        note={`From ${report.server}, as of ${new Date(report.fetchedAt).toLocaleTimeString('en-IN', { timeZone: 'Asia/Kolkata' })} IST: every counter's synced sales. Voided invoices are left out.`}
        chartLabel="Bar chart of net sales per branch."
        csv={() => officeBranchesCsv(report)}
        chart={
          <ResponsiveContainer width="100%" height={280}>
            <BarChart data={chart}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="name" />
              <YAxis tickFormatter={(v: number) => `₹${Math.round(v / 100).toLocaleString('en-IN')}`} width={90} />
              <Tooltip formatter={rupeeTooltip} />
              <Bar dataKey="value" name="Net sales" fill={SERIES[0]} {...STATIC} />
            </BarChart>
          </ResponsiveContainer>
        }
      >
        <table className="list report-list" data-testid="office-branches-table">
          <thead>
            <tr>
              <th>Branch</th>
              <th className="money">Invoices</th>
              <th className="money">GST</th>
              <th className="money">Net sales</th>
              <th className="money">Voids</th>
              <th className="money">Stock at cost</th>
            </tr>
          </thead>
          <tbody>
            {report.branches.map((b) => (
              <tr key={b.branchId} data-testid={`office-branch-${b.code}`}>
                <td>
                  {b.code} · {b.name}
                </td>
                <td className="money">{b.invoices}</td>
                <Money value={b.taxPaise} />
                <Money value={b.totalPaise} testId={`office-branch-${b.code}-total`} />
                <td className="money">{b.voids}</td>
                <Money value={b.stockCostPaise} />
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th>All branches</th>
              <td className="money">{report.branches.reduce((s, b) => s + b.invoices, 0)}</td>
              <Money value={paise(report.branches.reduce((s, b) => s + b.taxPaise, 0))} />
              <Money value={paise(total)} strong testId="office-total" />
              <td className="money">{report.branches.reduce((s, b) => s + b.voids, 0)}</td>
              <Money value={paise(report.branches.reduce((s, b) => s + b.stockCostPaise, 0))} />
            </tr>
          </tfoot>
        </table>
        <table className="list report-list" data-testid="office-payments-table">
          <thead>
            <tr>
              <th>Method (all branches)</th>
              <th className="money">Payments</th>
              <th className="money">Amount</th>
            </tr>
          </thead>
          <tbody>
            {report.payments.map((p) => (
              <tr key={p.method}>
                <td>{METHOD_LABELS[p.method] ?? p.method}</td>
                <td className="money">{p.payments}</td>
                <Money value={p.amountPaise} />
              </tr>
            ))}
          </tbody>
        </table>
      </ReportSection>
      <p className="hint">
        <button type="button" onClick={() => void load()} disabled={busy} data-testid="office-refresh">
          Refresh from the office
        </button>
      </p>
    </div>
  );
}
