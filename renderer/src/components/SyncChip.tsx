import { useApp } from '../state/store.js';
import { chipView } from '../state/sync-view.js';

/** Sync state at a glance: online/offline, how much is waiting, any problem. Opens the sync panel (Ctrl+Y). */
export function SyncChip() {
  const sync = useApp((s) => s.sync);
  const readAt = useApp((s) => s.syncReadAt);
  const toggle = useApp((s) => s.toggleSyncPanel);
  const view = chipView(sync, readAt);
  return (
    <button
      type="button"
      className={`chip chip-${view.tone} ${view.problem ? 'chip-problem' : ''}`}
      data-testid="sync-chip"
      title={view.title}
      aria-haspopup="dialog"
      onClick={toggle}
    >
      <span className="dot" aria-hidden="true" />
      {view.text}
    </button>
  );
}
