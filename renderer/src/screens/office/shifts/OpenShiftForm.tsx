import { useState, type FormEvent } from 'react';
import { formatINR, parseRupees } from '../../../../../shared/src/money.js';
import { useApp } from '../../../state/store.js';

/** No shift on this counter: count the float into the drawer and open one. */
export function OpenShiftForm() {
  const openShift = useApp((s) => s.openShift);
  const staffName = useApp((s) => s.staff?.name ?? '');
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const amount = parseRupees(text === '' ? '0' : text);
    if (amount === null || amount < 0) return setError('Enter the float in rupees, e.g. 2000 or 1500.50.');
    const failed = await openShift(amount);
    setError(failed?.message ?? null);
  };
  const amount = parseRupees(text === '' ? '0' : text);
  return (
    <form className="shifts-card shifts-open" onSubmit={(e) => void submit(e)}>
      <h2>Open a shift</h2>
      <p className="shifts-hint">No shift is open on this counter. Count the cash you put in the drawer to start with (the float); the shift will be {staffName}'s.</p>
      <label className="shifts-field">
        Float in the drawer (₹)
        <input data-testid="shift-float" inputMode="decimal" autoFocus value={text} onChange={(e) => setText(e.target.value)} placeholder="2000" />
      </label>
      {amount !== null && <div className="shifts-hint">Opening with {formatINR(amount)}</div>}
      {error !== null && <div className="notice notice-error" role="alert" data-testid="shift-error">{error}</div>}
      <button type="submit" className="primary" data-testid="shift-open">
        Open shift <kbd>Enter</kbd>
      </button>
    </form>
  );
}
