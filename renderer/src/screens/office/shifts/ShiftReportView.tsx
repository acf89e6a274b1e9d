import { useEffect } from 'react';
import type { ShiftReport } from '../../../../../shared/src/api/shifts-api.js';
import { formatINR, paise, type Paise } from '../../../../../shared/src/money.js';
import { CASH_MOVE_REASONS, DENOMINATIONS } from '../../../../../shared/src/shifts.js';
import { printPage } from '../../../api/bridge.js';
import { useApp } from '../../../state/store.js';
import { methodLabel } from '../../../state/shifts-view.js';
import { varianceText } from './CloseShiftForm.js';

const when = (iso: string): string => new Date(iso).toLocaleString('en-IN', { timeZone: 'Asia/Kolkata', dateStyle: 'medium', timeStyle: 'short' });

function Row(props: { label: string; value: Paise | number | string; strong?: boolean; testId?: string }) {
  const v = typeof props.value === 'number' ? formatINR(paise(props.value)) : props.value;
  return (
    <tr className={props.strong === true ? 'shifts-strong' : ''}>
      <td>{props.label}</td>
      <td className="num" data-testid={props.testId}>{v}</td>
    </tr>
  );
}

/** The X or Z report on an 80 mm receipt: on screen, and printed with P. */
export function ShiftReportView(props: { report: ShiftReport }) {
  const r = props.report;
  const f = r.figures;
  const show = useApp((s) => s.showShiftReport);
  const loadShift = useApp((s) => s.loadShift);
  const done = () => {
    show(null);
    void loadShift();
  };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Enter' || e.key === 'Escape') {
        e.preventDefault();
        done();
      } else if (e.key.toLowerCase() === 'p' && !e.ctrlKey && !(e.target instanceof HTMLInputElement)) {
        e.preventDefault();
        void printPage('80mm');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });
  const tax = f.sales.tax;
  return (
    <div className="invoice-screen shifts-report-screen">
      <div className="invoice-controls no-print">
        <span className="done-msg">{r.kind === 'Z' ? 'Shift closed' : 'X report'} · {r.number}</span>
        <button type="button" data-testid="shift-report-print" onClick={() => void printPage('80mm')}>Print <kbd>P</kbd></button>
        <button type="button" className="primary" data-testid="shift-report-done" onClick={done} autoFocus>Done <kbd>Enter</kbd></button>
      </div>
      <article className="invoice paper-80 shifts-report" aria-label={`${r.kind} report`} data-testid="shift-report">
        <h1 className="inv-title">{r.kind === 'Z' ? 'Z REPORT · SHIFT CLOSE' : 'X REPORT · MID-SHIFT'}</h1>
        <section className="inv-supplier">
          <strong>{r.branch.name}</strong>
          <div>{r.deviceName} · GSTIN {r.branch.gstin ?? '—'}</div>
        </section>
        <section className="inv-meta">
          <div>Report <strong data-testid="shift-report-no">{r.number}</strong></div>
          <div>Shift {r.shift.label} · {r.shift.staff.name}</div>
          <div>Opened {when(r.shift.openedAt)}</div>
          <div>{r.kind === 'Z' ? 'Closed' : 'Up to'} {when(r.upTo)}</div>
          <div>Printed {when(r.printedAt)}</div>
        </section>
        <table>
          <tbody>
            <tr><th colSpan={2}>Sales</th></tr>
            <Row label={`Invoices (${f.sales.count})`} value={f.sales.totalPaise} strong testId="shift-sales-total" />
            {f.payments.map((p) => <Row key={p.method} label={`${methodLabel(p.method)} (${p.count})`} value={p.amountPaise} />)}
            <Row label="Discounts given" value={f.sales.discountPaise} />
            <Row label="Taxable value" value={tax.taxablePaise} />
            <Row label="CGST" value={tax.cgstPaise} />
            <Row label="SGST" value={tax.sgstPaise} />
            {tax.igstPaise !== 0 && <Row label="IGST" value={tax.igstPaise} />}
            <Row label="Round-off" value={f.sales.roundOffPaise} />
            <tr><th colSpan={2}>Voids and returns</th></tr>
            <Row label={`Voided invoices (${f.voids.count})`} value={f.voids.totalPaise} />
            {f.earlierVoids.count > 0 && <Row label={`Earlier shifts' sales voided (${f.earlierVoids.count})`} value={f.earlierVoids.totalPaise} />}
            {r.voids.map((v) => <Row key={v.invoiceNo} label={`  ${v.invoiceNo}${v.reason !== null ? ` · ${v.reason}` : ''}`} value={v.totalPaise} />)}
            <Row label={`Returns (${f.returns.count})`} value={f.returns.totalPaise} />
            {f.returns.byMethod.map((p) => <Row key={p.method} label={`  refunded ${methodLabel(p.method)} (${p.count})`} value={p.amountPaise} />)}
            {f.returns.count > 0 && <Row label="  GST reversed" value={f.returns.tax.cgstPaise + f.returns.tax.sgstPaise + f.returns.tax.igstPaise} />}
            <tr><th colSpan={2}>Cash drawer</th></tr>
            <Row label="Opening float" value={f.floatPaise} />
            <Row label="+ Cash sales" value={f.cashSalesPaise} />
            <Row label="− Cash refunds" value={f.cashRefundsPaise} />
            {f.cashVoidedPaise !== 0 && <Row label="− Cash of earlier sales voided" value={f.cashVoidedPaise} />}
            <Row label={`+ Cash in (${f.cashIn.count})`} value={f.cashIn.totalPaise} />
            <Row label={`− Cash out (${f.cashOut.count})`} value={f.cashOut.totalPaise} />
            <Row label="Expected cash" value={f.expectedCashPaise} strong testId="shift-expected" />
            {r.close !== null && (
              <>
                <Row label="Counted cash" value={r.close.countedPaise} strong testId="shift-counted" />
                <Row label="Variance" value={varianceText(r.close.variancePaise)} strong testId="shift-variance" />
                <Row label="Approved by" value={r.close.approvedBy?.name ?? (Math.abs(r.close.variancePaise) > r.close.thresholdPaise ? '—' : 'not needed')} testId="shift-approved-by" />
                <Row label="Closed by" value={r.close.closedBy.name} />
              </>
            )}
          </tbody>
        </table>
        {r.moves.length > 0 && (
          <table>
            <thead><tr><th>Cash in / out</th><th className="num">Amount</th></tr></thead>
            <tbody>
              {r.moves.map((m) => (
                <tr key={m.moveId}>
                  <td>
                    {m.direction === 'in' ? 'In' : 'Out'} · {CASH_MOVE_REASONS[m.reason].label}
                    <div className="small">{when(m.at)} · {m.staffName}{m.note !== '' ? ` · ${m.note}` : ''}</div>
                  </td>
                  <td className="num">{m.direction === 'out' ? '−' : ''}{formatINR(m.amountPaise)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {r.close !== null && (
          <table>
            <thead><tr><th>Count</th><th className="num">Pieces</th><th className="num">Amount</th></tr></thead>
            <tbody>
              {DENOMINATIONS.filter((d) => (r.close?.counts[d.key] ?? 0) > 0).map((d) => {
                const n = r.close?.counts[d.key] ?? 0;
                return (
                  <tr key={d.key}><td>{d.label}</td><td className="num">{n}</td><td className="num">{formatINR(paise(n * d.valuePaise))}</td></tr>
                );
              })}
            </tbody>
          </table>
        )}
        {r.close !== null && r.close.note !== '' && <div className="small">Note: {r.close.note}</div>}
        <div className="inv-foot small">{r.kind === 'X' ? 'X report: the shift stays open.' : 'Z report: the shift is closed.'}</div>
      </article>
    </div>
  );
}
