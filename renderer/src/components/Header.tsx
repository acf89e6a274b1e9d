import { useApp } from '../state/store.js';
import { SyncChip } from './SyncChip.js';

export function Header() {
  const info = useApp((s) => s.info);
  const staff = useApp((s) => s.staff);
  const logout = useApp((s) => s.logout);
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
        {info !== null && <span className="date">Business date {info.businessDate}</span>}
        <SyncChip />
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
