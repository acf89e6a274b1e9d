import { useEffect, useState } from 'react';
import type { ShiftView } from '../../../../../shared/src/api/shifts-api.js';
import { formatINR } from '../../../../../shared/src/money.js';
import { mayActOnShift } from '../../../../../shared/src/shifts.js';
import { call } from '../../../api/bridge.js';
import { useApp } from '../../../state/store.js';
import { branchTime, methodLabel } from '../../../state/shifts-view.js';
import { CashMoveForm } from './CashMoveForm.js';
import { CloseShiftForm } from './CloseShiftForm.js';
import { OpenShiftForm } from './OpenShiftForm.js';
import { ShiftReportView } from './ShiftReportView.js';

type Panel = 'none' | 'cash' | 'close';

/** The Shift tab: open with a float, cash in/out, X report, close with a count and the Z report. */
export function ShiftTab() {
  const state = useApp((s) => s.shiftState);
  const report = useApp((s) => s.shiftReport);
  const staff = useApp((s) => s.staff);
  const loadShift = useApp((s) => s.loadShift);
  const takeXReport = useApp((s) => s.takeXReport);
  const [panel, setPanel] = useState<Panel>('none');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void loadShift();
  }, [loadShift]);

  const mine = state != null && staff !== null && mayActOnShift(staff, state.shift.staff.id);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (report !== null || panel !== 'none' || !mine || e.ctrlKey || e.altKey || e.metaKey) return;
      if (e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement) return;
      const k = e.key.toLowerCase();
      if (k === 'x') void x();
      else if (k === 'm') setPanel('cash');
      else if (k === 'z') setPanel('close');
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const x = async () => {
    const failed = await takeXReport();
    setError(failed?.message ?? null);
  };

  if (report !== null) return <ShiftReportView report={report} />;
  if (state === undefined) return <div className="shifts-hint">Loading the shift…</div>;
  if (state === null) {
    return (
      <div className="shifts">
        <OpenShiftForm />
        <RecentShifts />
      </div>
    );
  }
  const f = state.figures;
  return (
    <div className="shifts">
      <section className="shifts-card" data-testid="shift-panel">
        <h2>
          Shift {state.shift.label} · {state.shift.staff.name}
        </h2>
        <div className="shifts-hint">Open since {branchTime(state.shift.openedAt)} · float {formatINR(state.shift.floatPaise)}</div>
        <dl className="shifts-totals">
          <Pair label={`Sales (${f.sales.count})`} value={formatINR(f.sales.totalPaise)} />
          {f.payments.map((p) => (
            <Pair key={p.method} label={methodLabel(p.method)} value={formatINR(p.amountPaise)} />
          ))}
          <Pair label="Cash in / out" value={`+${formatINR(f.cashIn.totalPaise)} / −${formatINR(f.cashOut.totalPaise)}`} />
          <Pair label="Expected in drawer" value={formatINR(f.expectedCashPaise)} testId="shift-expected-live" />
        </dl>
        {!mine && <div className="notice notice-info">This is {state.shift.staff.name}'s shift: only they or a manager can move cash, take reports or close it.</div>}
        {error !== null && <div className="notice notice-error" role="alert">{error}</div>}
        {mine && panel === 'none' && (
          <div className="shifts-row">
            <button type="button" data-testid="shift-cash-button" onClick={() => setPanel('cash')}>
              Cash in / out <kbd>M</kbd>
            </button>
            <button type="button" data-testid="shift-x-button" onClick={() => void x()}>
              X report <kbd>X</kbd>
            </button>
            <button type="button" className="primary" data-testid="shift-close-button" onClick={() => setPanel('close')}>
              Close shift <kbd>Z</kbd>
            </button>
          </div>
        )}
      </section>
      {panel === 'cash' && <CashMoveForm onDone={() => setPanel('none')} />}
      {panel === 'close' && <CloseShiftForm state={state} onCancel={() => setPanel('none')} />}
    </div>
  );
}

function Pair(props: { label: string; value: string; testId?: string }) {
  return (
    <div>
      <dt>{props.label}</dt>
      <dd data-testid={props.testId}>{props.value}</dd>
    </div>
  );
}

/** The counter's last closed shifts, to print a Z report again. */
function RecentShifts() {
  const reprintZ = useApp((s) => s.reprintZ);
  const [shifts, setShifts] = useState<ShiftView[]>([]);
  useEffect(() => {
    void call('shift.list', { limit: 10 }).then((r) => {
      if (r.ok) setShifts(r.value.filter((s) => s.status === 'closed'));
    });
  }, []);
  if (shifts.length === 0) return null;
  return (
    <section className="shifts-card">
      <h3>Recent shifts</h3>
      <table className="report-list">
        <thead>
          <tr><th>Shift</th><th>Staff</th><th>Opened</th><th>Closed</th><th /></tr>
        </thead>
        <tbody>
          {shifts.map((s) => (
            <tr key={s.shiftId}>
              <td>{s.label}</td>
              <td>{s.staff.name}</td>
              <td>{new Date(s.openedAt).toLocaleString('en-IN', { timeZone: 'Asia/Kolkata', dateStyle: 'short', timeStyle: 'short' })}</td>
              <td>{s.closedAt === null ? '' : new Date(s.closedAt).toLocaleString('en-IN', { timeZone: 'Asia/Kolkata', dateStyle: 'short', timeStyle: 'short' })}</td>
              <td>
                <button type="button" className="link" onClick={() => void reprintZ(s.shiftId)}>Z report</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
