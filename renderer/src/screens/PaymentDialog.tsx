import { useEffect, useMemo, useRef, useState } from 'react';
import type { CustomerWallet } from '../../../shared/src/api/customers-api.js';
import type { PaymentMethod } from '../../../shared/src/domain.js';
import { formatINR, paise } from '../../../shared/src/money.js';
import { call } from '../api/bridge.js';
import { planPayments, type PaymentRow } from '../state/payment.js';
import { PAYMENT_METHOD_LABELS, walletDefault, walletMethods, walletProblem } from '../state/loyalty-payment.js';
import { useApp } from '../state/store.js';
import { Dialog } from '../components/Dialog.js';

const METHODS: PaymentMethod[] = ['cash', 'card', 'upi'];

/** Cash with tendered and change, card, UPI, or a split; Enter completes. */
export function PaymentDialog() {
  const quote = useApp((s) => s.quote);
  const lines = useApp((s) => s.lines);
  const customer = useApp((s) => s.customer);
  const close = useApp((s) => s.closeDialog);
  const [rows, setRows] = useState<PaymentRow[]>([{ method: 'cash', amountText: '' }]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // One id per attempt at paying: a double press or a retry after a timeout cannot sell twice.
  const requestId = useRef(`pay-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`);
  const total = quote?.totals.totalPaise ?? paise(0);
  // The attached customer's points and store credit: offered as methods only when there is a balance.
  const [wallet, setWallet] = useState<CustomerWallet | null>(null);
  useEffect(() => {
    if (customer === null) return setWallet(null);
    void call('customer.wallet', { customerId: customer.id }).then((w) => setWallet(w.ok ? w.value : null));
  }, [customer]);
  const methods = [...METHODS, ...walletMethods(wallet)];
  const planned = useMemo(() => planPayments(total, rows, wallet?.rule.pointValuePaise), [total, rows, wallet]);
  const plan = { ...planned, problem: planned.problem ?? walletProblem(planned.payments, wallet, total) };

  async function complete() {
    if (busy || quote === null) return;
    if (plan.problem !== null) return setError(plan.problem);
    if (plan.duePaise > 0) return setError(`${formatINR(plan.duePaise)} still to pay.`);
    setBusy(true);
    const done = await call('sale.complete', { clientRequestId: requestId.current, lines: [...lines], customerId: customer?.id ?? null, payments: plan.payments });
    if (!done.ok) {
      setBusy(false);
      setError(done.error.message);
      return;
    }
    const invoice = await call('sale.get', { saleId: done.value.saleId });
    const state = useApp.getState();
    state.clearCart();
    void state.refreshSync();
    if (invoice.ok) state.showInvoice(invoice.value, 'sale');
    else state.notify('info', `Sale ${done.value.invoiceNo} completed.`);
  }

  const setRow = (i: number, row: Partial<PaymentRow>) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...row } : r)));

  return (
    <Dialog title="Payment" onClose={close} wide={methods.length > METHODS.length}>
      <form
        className="pay"
        onSubmit={(e) => {
          e.preventDefault();
          void complete();
        }}
      >
        <div className="pay-total">
          To pay <strong>{formatINR(total)}</strong>
        </div>
        {wallet !== null && walletMethods(wallet).length > 0 && (
          <p className="customers-wallet" data-testid="pay-wallet">
            {customer?.name}: <strong>{wallet.balances.points} points</strong> ({formatINR(paise(wallet.balances.points * wallet.rule.pointValuePaise))})
            {wallet.balances.storeCreditPaise > 0 && <> · store credit <strong>{formatINR(wallet.balances.storeCreditPaise)}</strong></>}
          </p>
        )}
        {rows.map((row, i) => (
          <div className="pay-row" key={i}>
            <div className="methods" role="radiogroup" aria-label="Method">
              {methods.map((m) => (
                <button
                  key={m}
                  type="button"
                  data-testid={`method-${m}`}
                  className={row.method === m ? 'on' : ''}
                  onClick={() => setRow(i, { method: m, ...(wallet !== null && m !== row.method && (m === 'points' || m === 'store_credit') ? { amountText: walletDefault(m, wallet, total) } : {}) })}
                >
                  {PAYMENT_METHOD_LABELS[m]}
                </button>
              ))}
            </div>
            <input
              autoFocus={i === rows.length - 1}
              data-testid={row.method === 'cash' ? 'tendered' : `amount-${row.method}`}
              inputMode="decimal"
              placeholder={row.method === 'cash' ? 'Cash tendered ₹' : row.method === 'points' ? 'Points' : 'Amount ₹'}
              value={row.amountText}
              onChange={(e) => setRow(i, { amountText: e.target.value })}
            />
            {rows.length > 1 && (
              <button type="button" className="link danger" onClick={() => setRows((rs) => rs.filter((_, j) => j !== i))}>
                remove
              </button>
            )}
          </div>
        ))}
        <div className="pay-actions-row">
          <button type="button" className="link" onClick={() => setRows((rs) => [...rs, { method: 'upi', amountText: '' }])}>
            + split payment
          </button>
          <button type="button" className="link" onClick={() => setRows([{ method: rows[0]?.method ?? 'cash', amountText: String(total / 100) }])}>
            exact amount
          </button>
        </div>
        <div className="pay-summary">
          <span>
            Due <strong data-testid="due">{formatINR(plan.duePaise)}</strong>
          </span>
          <span className="change">
            Change <strong data-testid="change">{formatINR(plan.changePaise)}</strong>
          </span>
        </div>
        {(error ?? plan.problem) !== null && (
          <p className="error" role="alert">
            {error ?? plan.problem}
          </p>
        )}
        <button type="submit" className="primary big" data-testid="complete-sale" disabled={busy || quote === null || !quote.sellable}>
          {busy ? 'Completing…' : 'Complete sale (Enter)'}
        </button>
      </form>
    </Dialog>
  );
}
