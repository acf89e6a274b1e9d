import { useEffect } from 'react';
import { useApp } from '../../../state/store.js';
import { shiftChipText } from '../../../state/shifts-view.js';

/** The header's compact shift state: whose shift is open since when, or that none is. */
export function ShiftChip() {
  const staffId = useApp((s) => s.staff?.id ?? null);
  const state = useApp((s) => s.shiftState);
  const loadShift = useApp((s) => s.loadShift);
  const openOffice = useApp((s) => s.openOffice);
  useEffect(() => {
    if (staffId !== null) void loadShift();
  }, [staffId, loadShift]);
  if (staffId === null || state === undefined) return null;
  const text = state === null ? 'No shift open' : shiftChipText(state.shift);
  return (
    <button type="button" className={state === null ? 'shifts-chip shifts-chip-none' : 'shifts-chip'} data-testid="shift-chip" onClick={() => openOffice('shift')} title="Shift: float, cash in/out, X and Z reports">
      {text}
    </button>
  );
}
