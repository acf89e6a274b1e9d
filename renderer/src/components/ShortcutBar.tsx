import type { Role } from '../../../shared/src/domain.js';
import { canViewReports } from '../../../shared/src/reports/access.js';
import { useApp } from '../state/store.js';

const SHORTCUTS: [string, string][] = [
  ['F1', 'help'],
  ['F2', 'search'],
  ['F3', 'back office'],
  ['F4', 'customer'],
  ['F5', 'return'],
  ['F6', 'recent / reprint'],
  ['F8', 'hold'],
  ['F9', 'recall'],
  ['F10', 'pay'],
  ['↑↓ Enter', 'pick'],
  ['+ / −', 'qty of last line'],
  ['Del', 'remove last line'],
  ['Esc', 'cancel'],
  ['Ctrl+Y', 'sync status'],
  ['Ctrl+L', 'log out'],
];

/** Shown only to the roles that may use them (the core refuses everyone else anyway). */
const MANAGER_SHORTCUTS: [string, string][] = [['F7', 'reports']];

/** The shortcuts a staff member of `role` can use, in footer order. */
export function shortcutsFor(role: Role | null): [string, string][] {
  if (role === null || !canViewReports(role)) return SHORTCUTS;
  const at = SHORTCUTS.findIndex(([key]) => key === 'F8');
  return [...SHORTCUTS.slice(0, at), ...MANAGER_SHORTCUTS, ...SHORTCUTS.slice(at)];
}

export function ShortcutBar() {
  const role = useApp((s) => s.staff?.role ?? null);
  return (
    <footer className="shortcuts" aria-label="Keyboard shortcuts">
      {shortcutsFor(role).map(([key, what]) => (
        <span key={key}>
          <kbd>{key}</kbd> {what}
        </span>
      ))}
    </footer>
  );
}

export { SHORTCUTS };
