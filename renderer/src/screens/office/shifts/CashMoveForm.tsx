import { useState, type FormEvent } from 'react';
import { formatINR, parseRupees } from '../../../../../shared/src/money.js';
import { CASH_MOVE_REASONS, isReasonAllowed, type CashMoveDirection, type CashMoveReason } from '../../../../../shared/src/shifts.js';
import { useApp } from '../../../state/store.js';

const REASONS = Object.keys(CASH_MOVE_REASONS) as CashMoveReason[];

/** Cash into or out of the drawer with a reason (petty expense, bank deposit, change float…). */
export function CashMoveForm(props: { onDone(): void }) {
  const moveCash = useApp((s) => s.moveCash);
  const [direction, setDirection] = useState<CashMoveDirection>('out');
  const [reason, setReason] = useState<CashMoveReason>('petty_expense');
  const [text, setText] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const pick = (d: CashMoveDirection) => {
    setDirection(d);
    if (!isReasonAllowed(d, reason)) setReason(d === 'in' ? 'change_float' : 'petty_expense');
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const amount = parseRupees(text);
    if (amount === null || amount <= 0) return setError('Enter the amount in rupees.');
    const failed = await moveCash({ direction, reason, amountPaise: amount, note });
    if (failed !== null) return setError(failed.message);
    setText('');
    setNote('');
    setError(null);
    props.onDone();
  };
  const amount = parseRupees(text);
  return (
    <form
      className="shifts-card"
      data-testid="shift-cash-form"
      onSubmit={(e) => void submit(e)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          props.onDone();
        }
      }}
    >
      <h3>Cash in / out</h3>
      <div className="shifts-row">
        <button type="button" className={direction === 'out' ? 'on' : ''} data-testid="shift-cash-out" onClick={() => pick('out')}>Cash out</button>
        <button type="button" className={direction === 'in' ? 'on' : ''} data-testid="shift-cash-in" onClick={() => pick('in')}>Cash in</button>
      </div>
      <label className="shifts-field">
        Reason
        <select data-testid="shift-cash-reason" value={reason} onChange={(e) => setReason(e.target.value as CashMoveReason)}>
          {REASONS.filter((r) => isReasonAllowed(direction, r)).map((r) => (
            <option key={r} value={r}>{CASH_MOVE_REASONS[r].label}</option>
          ))}
        </select>
      </label>
      <label className="shifts-field">
        Amount (₹)
        <input data-testid="shift-cash-amount" inputMode="decimal" autoFocus value={text} onChange={(e) => setText(e.target.value)} />
      </label>
      <label className="shifts-field">
        Note {reason === 'other' ? '(required)' : '(optional)'}
        <input data-testid="shift-cash-note" maxLength={200} value={note} onChange={(e) => setNote(e.target.value)} placeholder="e.g. courier charges" />
      </label>
      {error !== null && <div className="notice notice-error" role="alert" data-testid="shift-error">{error}</div>}
      <div className="shifts-row">
        <button type="submit" className="primary" data-testid="shift-cash-save">
          {direction === 'out' ? 'Take out' : 'Put in'} {amount !== null && amount > 0 ? formatINR(amount) : ''} <kbd>Enter</kbd>
        </button>
        <button type="button" onClick={props.onDone}>Cancel <kbd>Esc</kbd></button>
      </div>
    </form>
  );
}
