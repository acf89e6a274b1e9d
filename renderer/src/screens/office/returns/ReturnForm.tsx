import { useEffect, useMemo, useRef, useState } from 'react';
import type { StaffSummary } from '../../../../../shared/src/api-contract.js';
import type { RefundMethod, ReturnableSale } from '../../../../../shared/src/api/returns-api.js';
import { rateLabel } from '../../../../../shared/src/gst.js';
import { formatINR, formatINRPlain, paise } from '../../../../../shared/src/money.js';
import { canVoidSales } from '../../../../../shared/src/roles.js';
import { call } from '../../../api/bridge.js';
import { approvalNeeded, qtyProblems, refundLabel, refundPreview, requestLines, type QtyDraft } from '../../../state/returns-draft.js';
import { useApp } from '../../../state/store.js';

const todayIso = (): string => new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Kolkata' });

/**
 * One original invoice: type the quantity to return per line (Tab moves on), pick the refund
 * method and a reason, Enter makes the credit note. Above the cashier's limits a manager's PIN
 * is asked for in place. Esc goes back to the search.
 */
export function ReturnForm(props: { sale: ReturnableSale; onDone: (creditNoteId: string) => void; onCancel: () => void }) {
  const sale = props.sale;
  const role = useApp((s) => s.staff?.role ?? 'cashier');
  const [draft, setDraft] = useState<QtyDraft>({});
  const [method, setMethod] = useState<RefundMethod>(sale.refundMethods[0] ?? 'cash');
  const [reason, setReason] = useState('');
  const [managers, setManagers] = useState<StaffSummary[]>([]);
  const [managerId, setManagerId] = useState('');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const requestId = useRef(crypto.randomUUID());
  const firstQty = useRef<HTMLInputElement | null>(null);

  const problems = qtyProblems(sale, draft);
  const lines = requestLines(sale, draft);
  const refund = useMemo(() => refundPreview(sale, draft), [sale, draft]);
  const approval = approvalNeeded(sale, refund, todayIso(), role);

  useEffect(() => firstQty.current?.focus(), [sale.saleId]);
  useEffect(() => {
    if (approval === null || managers.length > 0) return;
    void call('auth.staffList', {}).then((r) => {
      const list = r.ok ? r.value.filter((s) => canVoidSales(s.role)) : [];
      setManagers(list);
      setManagerId((id) => (id === '' ? (list[0]?.id ?? '') : id));
    });
  }, [approval, managers.length]);

  const submit = async () => {
    if (busy) return;
    if (lines.length === 0) return setError('Type how many units come back on at least one line.');
    if (Object.keys(problems).length > 0) return setError('Fix the marked quantities first.');
    if (reason.trim().length < 3) return setError('Give a reason for the return (at least 3 characters).');
    if (approval !== null && (managerId === '' || pin === '')) return setError(`A manager must approve: ${approval}.`);
    setBusy(true);
    const r = await call('return.create', {
      clientRequestId: requestId.current,
      saleId: sale.saleId,
      lines,
      refundMethod: method,
      reason: reason.trim(),
      ...(approval !== null ? { managerStaffId: managerId, managerPin: pin } : {}),
    });
    setBusy(false);
    if (r.ok) return props.onDone(r.value.creditNoteId);
    // A refusal changed nothing: a retry is a new request (the PIN is typed again).
    requestId.current = crypto.randomUUID();
    setPin('');
    setError(r.error.message);
  };

  const voided = sale.status === 'voided';
  return (
    <form
      className="returns-form"
      data-testid="returns-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          props.onCancel();
        }
      }}
    >
      <header className="returns-head">
        <div>
          <strong data-testid="returns-invoice-no">{sale.invoiceNo}</strong> · {sale.businessDate} · {sale.customerName ?? 'Walk-in customer'}
          {!sale.own && <span className="returns-badge">other counter</span>}
        </div>
        <div>
          Paid {sale.payments.map((p) => `${refundLabel(p.method)} ${formatINR(p.amountPaise)}`).join(' + ')}
        </div>
      </header>
      {voided && <p className="error">This invoice was voided: there is nothing to return.</p>}
      <table className="returns-lines">
        <thead>
          <tr>
            <th>#</th>
            <th>Item</th>
            <th>Batch / Exp</th>
            <th className="num">MRP</th>
            <th className="num">GST</th>
            <th className="num">Sold</th>
            <th className="num">Returned</th>
            <th className="num">Return now</th>
          </tr>
        </thead>
        <tbody>
          {sale.lines.map((l, i) => (
            <tr key={l.lineNo} className={l.returnableQty === 0 ? 'returns-done-line' : undefined}>
              <td>{l.lineNo}</td>
              <td>
                {l.name}
              </td>
              <td className="small">
                {l.batchNo} · {l.expiry.slice(0, 7)}
              </td>
              <td className="num">{formatINRPlain(l.unitPricePaise)}</td>
              <td className="num">{rateLabel(l.rateBp)}</td>
              <td className="num">{l.qty}</td>
              <td className="num">{l.returnedQty}</td>
              <td className="num">
                <input
                  ref={i === sale.lines.findIndex((x) => x.returnableQty > 0) ? firstQty : undefined}
                  className="returns-qty"
                  data-testid={`returns-qty-${String(l.lineNo)}`}
                  inputMode="numeric"
                  disabled={voided || l.returnableQty === 0}
                  placeholder={`0–${String(l.returnableQty)}`}
                  value={draft[l.lineNo] ?? ''}
                  onChange={(e) => setDraft({ ...draft, [l.lineNo]: e.target.value })}
                  aria-invalid={problems[l.lineNo] !== undefined}
                />
                {problems[l.lineNo] !== undefined && <div className="error small">{problems[l.lineNo]}</div>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="returns-refund">
        <label>
          Refund by
          <select data-testid="returns-refund" value={method} onChange={(e) => setMethod(e.target.value as RefundMethod)}>
            {sale.refundMethods.map((m) => (
              <option key={m} value={m}>
                {refundLabel(m)}
              </option>
            ))}
          </select>
        </label>
        <label className="returns-reason">
          Reason
          <input data-testid="returns-reason" list="returns-reasons" value={reason} onChange={(e) => setReason(e.target.value)} placeholder="e.g. wrong potency" maxLength={200} />
          <datalist id="returns-reasons">
            <option value="Wrong potency" />
            <option value="Wrong item given" />
            <option value="Not needed any more" />
            <option value="Damaged pack" />
          </datalist>
        </label>
        <div className="returns-sum" data-testid="returns-preview">
          <span>Taxable {formatINR(refund.taxablePaise)}</span>
          <span>GST {formatINR(paise(refund.cgstPaise + refund.sgstPaise + refund.igstPaise))}</span>
          <strong>Refund {formatINR(refund.netPaise)}</strong>
        </div>
      </div>
      {approval !== null && (
        <fieldset className="returns-approval" data-testid="returns-approval">
          <legend>Manager approval: {approval}</legend>
          <label>
            Manager
            <select data-testid="returns-manager" value={managerId} onChange={(e) => setManagerId(e.target.value)}>
              {managers.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            PIN
            <input data-testid="returns-pin" type="password" inputMode="numeric" autoComplete="off" value={pin} onChange={(e) => setPin(e.target.value)} />
          </label>
        </fieldset>
      )}
      {error !== null && (
        <p className="error" role="alert" data-testid="returns-error">
          {error}
        </p>
      )}
      <div className="returns-actions">
        <button type="submit" className="primary" data-testid="returns-submit" disabled={busy || voided}>
          Make credit note <kbd>Enter</kbd>
        </button>
        <button type="button" onClick={props.onCancel}>
          Back <kbd>Esc</kbd>
        </button>
      </div>
    </form>
  );
}
