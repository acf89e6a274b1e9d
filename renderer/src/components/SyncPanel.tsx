import { useEffect, useRef } from 'react';
import type { SyncProblem, SyncStatus } from '../../../shared/src/api-contract.js';
import { istDateTime } from '../ist-time.js';
import { useApp } from '../state/store.js';
import { canRetryRejected, mutationLabel, progressView, syncNowBlocker, syncPanelView } from '../state/sync-view.js';
import { Dialog } from './Dialog.js';
import { SyncProgress } from './SyncProgress.js';

/** Everything about sync on one screen: where, whether it works, what waits, and what was refused. */
export function SyncPanel() {
  const close = useApp((s) => s.closeDialog);
  const sync = useApp((s) => s.sync);
  const readAt = useApp((s) => s.syncReadAt);
  const staff = useApp((s) => s.staff);
  const action = useApp((s) => s.syncAction);
  const actionError = useApp((s) => s.syncActionError);
  const syncNow = useApp((s) => s.syncNow);
  const blocker = syncNowBlocker(sync, staff !== null);
  // The focus is on "Sync now" when the panel opens and again after each action (a button that
  // gets disabled while busy drops the focus), or on the panel itself when it cannot be pressed.
  const panelRef = useRef<HTMLDivElement>(null);
  const nowRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (action !== null) return;
    if (nowRef.current?.disabled === false) nowRef.current.focus();
    else if (!panelRef.current?.contains(document.activeElement)) panelRef.current?.focus();
  }, [action]);

  return (
    <Dialog title="Sync" onClose={close} wide>
      <div className="sync-panel" data-testid="sync-panel" ref={panelRef} tabIndex={-1}>
        {sync === null ? <p className="hint">Reading the sync status…</p> : <SyncFacts status={sync} nowMs={readAt} />}
        <div className="sync-actions">
          <button type="button" className="primary" data-testid="sync-now" ref={nowRef} disabled={blocker !== null || action !== null} onClick={() => void syncNow()}>
            {action?.kind === 'now' ? 'Syncing…' : 'Sync now'}
          </button>
          <span className="hint">{blocker ?? 'Sends what is waiting and fetches changes now, without waiting for the next attempt.'}</span>
        </div>
        {actionError !== null && (
          <p className="error" role="alert" data-testid="sync-action-error">
            {actionError}
          </p>
        )}
        {sync !== null && <Problems problems={sync.problems} canRetry={canRetryRejected(staff?.role ?? null)} />}
        <p className="hint">Esc or Ctrl+Y closes · times are branch time (IST)</p>
      </div>
    </Dialog>
  );
}

function SyncFacts(props: { status: SyncStatus; nowMs: number }) {
  const view = syncPanelView(props.status, props.nowMs);
  return (
    <>
      <dl className="sync-facts">
        <dt>Server</dt>
        <dd className={view.server === null ? 'sync-unpaired' : 'mono'} data-testid="sync-server">
          {view.server ?? 'Not paired'}
        </dd>
        <dt>Connection</dt>
        <dd className={`sync-conn sync-conn-${view.connection.tone}`} data-testid="sync-connection">
          <span className="dot" aria-hidden="true" />
          {view.connection.text}
        </dd>
        <dt>Waiting</dt>
        <dd data-testid="sync-waiting">{view.waiting}</dd>
        <dt>Last sync</dt>
        <dd data-testid="sync-last">{view.lastSync}</dd>
        <dt>Last error</dt>
        <dd data-testid="sync-error" className={view.lastError === null ? '' : 'sync-error'}>
          {view.lastError === null ? 'None' : `${view.lastError.text}, at ${view.lastError.when}`}
        </dd>
        {view.nextAttempt !== null && (
          <>
            <dt>Next attempt</dt>
            <dd data-testid="sync-next">{view.nextAttempt}</dd>
          </>
        )}
      </dl>
      {props.status.progress !== null && <SyncProgress view={progressView(props.status.progress)} />}
    </>
  );
}

function Problems(props: { problems: SyncProblem[]; canRetry: boolean }) {
  const action = useApp((s) => s.syncAction);
  const retry = useApp((s) => s.retryRejected);
  if (props.problems.length === 0) return <p className="sync-none">No rejected changes.</p>;
  return (
    <section className="sync-problems" aria-label="Rejected changes">
      <h3>
        Rejected by the server ({props.problems.length}) — kept on this counter until resolved
      </h3>
      <table className="list">
        <thead>
          <tr>
            <th>What</th>
            <th>When</th>
            <th>Code</th>
            <th>Reason</th>
            {props.canRetry && <th />}
          </tr>
        </thead>
        <tbody>
          {props.problems.map((p) => (
            <tr key={p.mutationId} data-testid="sync-problem">
              <td>
                <strong>{mutationLabel(p.type)}</strong>
                <div className="item-meta mono">{p.type}</div>
              </td>
              <td>{istDateTime(p.at)}</td>
              <td className="mono">{p.code}</td>
              <td className="sync-reason">{p.message}</td>
              {props.canRetry && (
                <td>
                  <button type="button" data-testid="sync-retry" disabled={action !== null} onClick={() => void retry(p.mutationId)}>
                    {action?.kind === 'retry' && action.mutationId === p.mutationId ? 'Retrying…' : 'Retry'}
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {!props.canRetry && <p className="hint">A manager or admin can retry a rejected change once its cause is fixed on the server.</p>}
    </section>
  );
}
