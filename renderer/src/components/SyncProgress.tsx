import type { ProgressView } from '../state/sync-view.js';

/** A real progress bar when the total is known; an indeterminate one, with the row count, otherwise. */
export function SyncProgress(props: { view: ProgressView }) {
  const { view } = props;
  return (
    <div className="sync-progress" data-testid="sync-progress">
      {view.max === null ? (
        <progress className="progress" aria-label={view.label} />
      ) : (
        <progress className="progress" max={view.max} value={view.value} aria-label={view.label} />
      )}
      <span className="sync-progress-label" data-testid="sync-progress-label">
        {view.label}
      </span>
    </div>
  );
}
