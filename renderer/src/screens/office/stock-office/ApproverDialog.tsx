import { useEffect, useState } from 'react';
import type { StaffSummary } from '../../../../../shared/src/api-contract.js';
import { canAdjustStock } from '../../../../../shared/src/roles.js';
import { call } from '../../../api/bridge.js';
import { TabDialog } from './ConfirmDialog.js';

/** A manager (not `excludeId`) enters their PIN to approve; a wrong PIN is answered here, the dialog stays. */
export function ApproverDialog(props: { why: string; excludeId: string | null; error: string | null; busy: boolean; onApprove: (staffId: string, pin: string) => void; onCancel: () => void }) {
  const [managers, setManagers] = useState<StaffSummary[]>([]);
  const [staffId, setStaffId] = useState('');
  const [pin, setPin] = useState('');
  useEffect(() => {
    void call('auth.staffList', {}).then((r) => {
      const list = r.ok ? r.value.filter((s) => canAdjustStock(s.role) && s.id !== props.excludeId) : [];
      setManagers(list);
      setStaffId((id) => (id === '' ? (list[0]?.id ?? '') : id));
    });
  }, [props.excludeId]);
  useEffect(() => {
    if (props.error !== null) setPin('');
  }, [props.error]);
  return (
    <TabDialog title="Manager approval" onClose={props.onCancel} testId="adj-approve">
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          if (staffId !== '' && pin !== '') props.onApprove(staffId, pin);
        }}
      >
        <p className="stock-office-why">{props.why}</p>
        {managers.length === 0 ? (
          <p className="error">No other manager or admin works at this branch: the adjustment cannot be approved here.</p>
        ) : (
          <>
            <label>
              Manager
              <select data-testid="adj-approver" value={staffId} onChange={(e) => setStaffId(e.target.value)}>
                {managers.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.name} ({m.role})
                  </option>
                ))}
              </select>
            </label>
            <label>
              PIN
              <input data-testid="adj-pin" autoFocus type="password" inputMode="numeric" autoComplete="off" value={pin} onChange={(e) => setPin(e.target.value)} />
            </label>
          </>
        )}
        {props.error !== null && (
          <p className="error" data-testid="adj-pin-error">
            {props.error}
          </p>
        )}
        <div className="stock-office-actions">
          <button type="submit" className="primary" data-testid="adj-approve-submit" disabled={props.busy || managers.length === 0}>
            Approve and post <kbd>Enter</kbd>
          </button>
          <button type="button" onClick={props.onCancel}>
            Cancel <kbd>Esc</kbd>
          </button>
        </div>
      </form>
    </TabDialog>
  );
}
