import { useEffect, useState, type FormEvent } from 'react';
import type { ShiftState } from '../../../../../shared/src/api/shifts-api.js';
import type { StaffSummary } from '../../../../../shared/src/api-contract.js';
import { formatINR, paise } from '../../../../../shared/src/money.js';
import { canApproveShiftVariance, DENOMINATIONS } from '../../../../../shared/src/shifts.js';
import { call } from '../../../api/bridge.js';
import { useApp } from '../../../state/store.js';
import { closePreview, lineTotal, type CountInputs } from '../../../state/shifts-view.js';

/** Close with a denomination count: counted vs expected cash, and a manager's PIN above the threshold. */
export function CloseShiftForm(props: { state: ShiftState; onCancel(): void }) {
  const closeShift = useApp((s) => s.closeShift);
  const [inputs, setInputs] = useState<CountInputs>({});
  const [note, setNote] = useState('');
  const [managers, setManagers] = useState<StaffSummary[]>([]);
  const [managerId, setManagerId] = useState('');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const expected = props.state.figures.expectedCashPaise;
  const threshold = props.state.thresholdPaise;
  const preview = closePreview(inputs, expected, threshold);
  const needsApproval = preview.kind === 'ok' && preview.needsApproval;

  useEffect(() => {
    void call('auth.staffList', {}).then((r) => {
      if (!r.ok) return;
      const list = r.value.filter((s) => canApproveShiftVariance(s.role));
      setManagers(list);
      setManagerId((id) => (id === '' ? (list[0]?.id ?? '') : id));
    });
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (preview.kind === 'invalid') return setError(preview.message);
    if (needsApproval && (managerId === '' || pin === '')) return setError('A manager must choose their name and enter their PIN to approve this variance.');
    setBusy(true);
    const failed = await closeShift({ counts: preview.counts, note, ...(needsApproval ? { managerStaffId: managerId, managerPin: pin } : {}) });
    setBusy(false);
    if (failed !== null) {
      setPin('');
      setError(failed.message);
    }
  };

  return (
    <form
      className="shifts-card shifts-close"
      data-testid="shift-close-form"
      onSubmit={(e) => void submit(e)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          props.onCancel();
        }
      }}
    >
      <h3>Close the shift: count the drawer</h3>
      <table className="shifts-count">
        <thead>
          <tr><th>Note / coin</th><th className="num">Pieces</th><th className="num">Amount</th></tr>
        </thead>
        <tbody>
          {DENOMINATIONS.map((d, i) => (
            <tr key={d.key} className={preview.kind === 'invalid' && preview.key === d.key ? 'shifts-bad' : ''}>
              <td>{d.label}</td>
              <td className="num">
                <input
                  data-testid={`count-${d.key}`}
                  inputMode="numeric"
                  autoFocus={i === 0}
                  value={inputs[d.key] ?? ''}
                  onChange={(e) => setInputs({ ...inputs, [d.key]: e.target.value })}
                  aria-label={`${d.label} pieces`}
                />
              </td>
              <td className="num">{formatINR(lineTotal(d.key, inputs[d.key]))}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl className="shifts-totals">
        <dt>Counted</dt>
        <dd data-testid="close-counted">{preview.kind === 'ok' ? formatINR(preview.countedPaise) : '—'}</dd>
        <dt>Expected</dt>
        <dd data-testid="close-expected">{formatINR(expected)}</dd>
        <dt>Variance</dt>
        <dd data-testid="close-variance" className={preview.kind === 'ok' && preview.variancePaise !== 0 ? (preview.variancePaise < 0 ? 'shifts-short' : 'shifts-over') : ''}>
          {preview.kind === 'ok' ? varianceText(preview.variancePaise) : '—'}
        </dd>
      </dl>
      <label className="shifts-field">
        Note (optional)
        <input data-testid="close-note" maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} placeholder="e.g. recounted twice" />
      </label>
      {needsApproval && (
        <fieldset className="shifts-approval" data-testid="close-approval">
          <legend>Variance above {formatINR(threshold)}: a manager must approve</legend>
          <label className="shifts-field">
            Manager
            <select data-testid="close-manager" value={managerId} onChange={(e) => setManagerId(e.target.value)}>
              {managers.map((m) => (
                <option key={m.id} value={m.id}>{m.name}</option>
              ))}
            </select>
          </label>
          <label className="shifts-field">
            Manager PIN
            <input data-testid="close-manager-pin" type="password" inputMode="numeric" maxLength={8} autoComplete="off" value={pin} onChange={(e) => setPin(e.target.value)} />
          </label>
        </fieldset>
      )}
      {error !== null && <div className="notice notice-error" role="alert" data-testid="shift-error">{error}</div>}
      <div className="shifts-row">
        <button type="submit" className="primary" data-testid="close-submit" disabled={busy}>
          Close shift and print Z <kbd>Enter</kbd>
        </button>
        <button type="button" onClick={props.onCancel}>Cancel <kbd>Esc</kbd></button>
      </div>
    </form>
  );
}

export function varianceText(v: number): string {
  if (v === 0) return `${formatINR(paise(0))} (exact)`;
  return v < 0 ? `${formatINR(paise(v))} short` : `+${formatINR(paise(v))} over`;
}
