import { useEffect, useState } from 'react';
import type { StaffSummary } from '../../../../../shared/src/api-contract.js';
import type { StocktakeSheet } from '../../../../../shared/src/api/stocktake-api.js';
import { formatINR, paise } from '../../../../../shared/src/money.js';
import { canAdjustStock } from '../../../../../shared/src/roles.js';
import { postingDeltas } from '../../../../../shared/src/stocktake.js';
import { call } from '../../../api/bridge.js';
import { Dialog } from '../../../components/Dialog.js';
import { useApp } from '../../../state/store.js';

/**
 * The one confirm that posts the count. A manager confirms with Enter; a pharmacist who counted
 * hands the counter to a manager, who picks their name and types their PIN.
 */
export function StocktakeConfirm(props: { sheet: StocktakeSheet; onClose: () => void }) {
  const { sheet, onClose } = props;
  const role = useApp((s) => s.staff?.role ?? 'cashier');
  const post = useApp((s) => s.postStocktake);
  const error = useApp((s) => s.stocktakeError);
  const needsManager = !canAdjustStock(role);
  const [managers, setManagers] = useState<StaffSummary[]>([]);
  const [managerId, setManagerId] = useState('');
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const t = sheet.report.totals;
  const moves = postingDeltas(sheet.items).length;

  useEffect(() => {
    if (!needsManager) return;
    void call('auth.staffList', {}).then((r) => {
      if (!r.ok) return;
      const list = r.value.filter((s) => canAdjustStock(s.role));
      setManagers(list);
      setManagerId(list[0]?.id ?? '');
    });
  }, [needsManager]);

  // Esc closes this dialog only, not the back office behind it (its listener runs later).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') e.preventDefault();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);

  return (
    <Dialog title="Post this count" onClose={onClose}>
      <form
        className="form"
        data-testid="stocktake-confirm-dialog"
        onSubmit={(e) => {
          e.preventDefault();
          if (busy) return;
          setBusy(true);
          void post(needsManager ? { managerStaffId: managerId, managerPin: pin } : undefined).then((ok) => {
            setBusy(false);
            if (ok) onClose();
          });
        }}
      >
        <p>
          {sheet.brand} · {sheet.form ?? 'every form'}: {t.counted} of {t.lines} batches counted, {moves} to adjust.
        </p>
        <ul className="stocktake-confirm-list">
          <li className="danger">
            {t.shortages} short ({t.shortageUnits} packs, {formatINR(paise(-t.shortageAtCostPaise))} at cost)
          </li>
          <li>
            {t.excesses} excess ({t.excessUnits} packs, +{formatINR(paise(t.excessAtCostPaise))} at cost)
          </li>
          <li>Net {formatINR(paise(t.valueAtCostPaise))} at cost, {formatINR(paise(t.valueAtMrpPaise))} at MRP</li>
        </ul>
        <p className="hint">
          Each batch moves by counted − expected at the snapshot, so what was sold or received since then stays on top. Batches not counted keep their stock.
        </p>
        {needsManager && (
          <>
            <label>
              Manager
              <select value={managerId} onChange={(e) => setManagerId(e.target.value)} data-testid="stocktake-manager">
                {managers.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Manager PIN
              <input autoFocus type="password" inputMode="numeric" data-testid="stocktake-manager-pin" value={pin} onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))} />
            </label>
          </>
        )}
        {error !== null && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" autoFocus={!needsManager} disabled={busy || (needsManager && pin.length < 4)} data-testid="stocktake-post">
          Post {moves} adjustments <kbd>Enter</kbd>
        </button>
      </form>
    </Dialog>
  );
}
