import { ageLabel, istLong } from '../ist-time.js';
import { useApp } from '../state/store.js';

/** Sync state at a glance: online/offline, how much is waiting, and any problem. */
export function SyncChip() {
  const sync = useApp((s) => s.sync);
  if (sync === null) return <span className="chip chip-muted" data-testid="sync-chip">sync: unknown</span>;
  const waiting = `${sync.pendingCount} waiting`;
  const oldest = sync.oldestPendingAt === null ? 'nothing waiting' : `oldest waiting ${ageLabel(sync.oldestPendingAt, Date.now())} (since ${istLong(sync.oldestPendingAt)})`;
  const last = sync.lastSyncAt === null ? 'never synced' : `last sync ${istLong(sync.lastSyncAt)}`;
  const problems = sync.problems.length > 0 ? ` · ${sync.problems.length} problem${sync.problems.length === 1 ? '' : 's'}` : '';
  return (
    <span className={`chip ${sync.online ? 'chip-ok' : 'chip-offline'} ${sync.problems.length > 0 ? 'chip-problem' : ''}`} data-testid="sync-chip" title={`${oldest}; ${last}`}>
      <span className="dot" aria-hidden="true" />
      {sync.online ? 'online' : 'offline'} — {waiting}
      {problems}
    </span>
  );
}
