import { useEffect, useState } from 'react';
import { formatINRPlain, parseRupees } from '../../../../../shared/src/money.js';
import type { AdjustmentApprovalPolicy } from '../../../../../shared/src/stock-office/adjustment-approval.js';
import { call } from '../../../api/bridge.js';

/** A manager's control of this counter's approval thresholds (setting `stock.adjustment_approval`). */
export function ApprovalSettings(props: { policy: AdjustmentApprovalPolicy; onSaved: (p: AdjustmentApprovalPolicy) => void }) {
  const [value, setValue] = useState(formatINRPlain(props.policy.maxValuePaise).replace(/,/g, ''));
  const [units, setUnits] = useState(String(props.policy.maxLineUnits));
  const [note, setNote] = useState<string | null>(null);
  useEffect(() => {
    setValue(formatINRPlain(props.policy.maxValuePaise).replace(/,/g, ''));
    setUnits(String(props.policy.maxLineUnits));
  }, [props.policy]);

  async function save() {
    const paise = parseRupees(value);
    const packs = /^\s*\d+\s*$/.test(units) ? Number(units) : null;
    if (paise === null || packs === null) return setNote('Enter rupees and a whole number of packs.');
    const r = await call('stock.setAdjustmentPolicy', { maxValuePaise: paise, maxLineUnits: packs });
    if (!r.ok) return setNote(r.error.message);
    setNote('Saved for this counter.');
    props.onSaved(r.value);
  }

  return (
    <details className="stock-office-settings">
      <summary>Approval threshold (managers)</summary>
      <div className="reorder-settings">
        <label>
          Second manager above ₹
          <input data-testid="adj-threshold-value" value={value} onChange={(e) => setValue(e.target.value)} />
        </label>
        <label>
          or packs on one line above
          <input data-testid="adj-threshold-units" value={units} onChange={(e) => setUnits(e.target.value)} />
        </label>
        <button type="button" onClick={() => void save()}>
          Save
        </button>
        {note !== null && <span className="hint">{note}</span>}
      </div>
    </details>
  );
}
