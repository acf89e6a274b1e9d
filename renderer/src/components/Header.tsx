import { canViewReports } from '../../../shared/src/reports/access.js';
import { useApp } from '../state/store.js';
import { SyncChip } from './SyncChip.js';
import { ShiftChip } from '../screens/office/shifts/ShiftChip.js';

export function Header() {
  const info = useApp((s) => s.info);
  const staff = useApp((s) => s.staff);
  const logout = useApp((s) => s.logout);
  const screen = useApp((s) => s.screen);
  const onInvoice = useApp((s) => s.invoice !== null);
  const openReports = useApp((s) => s.openReports);
  const closeReports = useApp((s) => s.closeReports);
  const openOffice = useApp((s) => s.openOffice);
  const closeOffice = useApp((s) => s.closeOffice);
  return (
    <header className="header">
      <div className="brand">
        <span className="logo">Similia</span>
        {info !== null && (
          <span className="where">
            {info.branch.name} · {info.deviceName}
          </span>
        )}
      </div>
      <div className="header-right">
        {info !== null && <span className="date" title="Business date (the day sales are booked to)">{info.businessDate}</span>}
        <SyncChip />
        <ShiftChip />
        {staff !== null && !onInvoice && screen !== 'reports' && (
          <button
            type="button"
            className="header-button"
            data-testid="office-button"
            aria-pressed={screen === 'office'}
            onClick={() => (screen === 'office' ? closeOffice() : openOffice())}
            title={screen === 'office' ? 'Back to selling (Esc)' : 'Back office: stock, returns, shift (F3)'}
          >
            {screen === 'office' ? 'Sell' : 'Back office'} <kbd>{screen === 'office' ? 'Esc' : 'F3'}</kbd>
          </button>
        )}
        {staff !== null && canViewReports(staff.role) && !onInvoice && screen !== 'office' && (
          <button
            type="button"
            className="header-button"
            data-testid="reports-button"
            aria-pressed={screen === 'reports'}
            onClick={() => (screen === 'reports' ? closeReports() : void openReports())}
            title={screen === 'reports' ? 'Back to selling (Esc)' : 'Branch reports (F7)'}
          >
            {screen === 'reports' ? 'Sell' : 'Reports'} <kbd>{screen === 'reports' ? 'Esc' : 'F7'}</kbd>
          </button>
        )}
        {staff !== null && (
          <span className="who">
            {staff.name} <span className="role">{staff.role}</span>
            <button type="button" className="link" onClick={() => void logout()} title="Log out (Ctrl+L)">
              Log out
            </button>
          </span>
        )}
      </div>
    </header>
  );
}
