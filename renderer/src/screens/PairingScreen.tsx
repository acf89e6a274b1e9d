import { useEffect, useRef, useState } from 'react';
import { SyncProgress } from '../components/SyncProgress.js';
import { DEFAULT_SERVER_URL, fieldForPairingError, groupPairingCode, normalisePairingCode, preparePairing, type PairingField } from '../state/pairing-form.js';
import { useApp } from '../state/store.js';
import { initialSyncView } from '../state/sync-view.js';

/** A fresh install: pair with the sync server using a code from the admin, then copy the branch down. */
export function PairingScreen() {
  const phase = useApp((s) => s.pairingPhase);
  return <main className="pairing">{phase === 'form' ? <PairingForm /> : <InitialSync />}</main>;
}

function PairingForm() {
  const pair = useApp((s) => s.pair);
  const lost = useApp((s) => s.pairingLost);
  const focusTick = useApp((s) => s.focusTick);
  const dialog = useApp((s) => s.dialog);
  const [serverUrl, setServerUrl] = useState(DEFAULT_SERVER_URL);
  const [code, setCode] = useState('');
  const [deviceName, setDeviceName] = useState('');
  const [error, setError] = useState<{ field: PairingField | null; message: string } | null>(lost === null ? null : { field: null, message: lost });
  const [busy, setBusy] = useState(false);
  const refs = { serverUrl: useRef<HTMLInputElement>(null), code: useRef<HTMLInputElement>(null), deviceName: useRef<HTMLInputElement>(null) };
  const codeRef = refs.code;

  // The code field has the focus, and gets it back when the sync panel closes.
  useEffect(() => {
    if (dialog === 'none') codeRef.current?.focus();
  }, [focusTick, dialog, codeRef]);

  function fail(field: PairingField | null, message: string) {
    setError({ field, message });
    if (field === null) return;
    refs[field].current?.focus();
    refs[field].current?.select();
  }

  async function submit() {
    if (busy) return;
    const prepared = preparePairing({ serverUrl, code, deviceName });
    if (prepared.kind === 'invalid') return fail(prepared.field, prepared.message);
    setBusy(true);
    setError(null);
    const failure = await pair(prepared.args);
    setBusy(false);
    if (failure !== null) fail(fieldForPairingError(failure.code), failure.message);
  }

  const invalid = (field: PairingField) => error?.field === field || undefined;

  return (
    <form
      className="pairing-card form"
      aria-labelledby="pairing-title"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h1 id="pairing-title">Pair this counter</h1>
      <p className="hint">
        This counter is not connected to a sync server yet. An admin or the branch manager creates a pairing code for this branch (valid 15 minutes, used once); type it here.
      </p>
      <label>
        Sync server address
        <input
          ref={refs.serverUrl}
          data-testid="pair-server-url"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          value={serverUrl}
          aria-invalid={invalid('serverUrl')}
          onChange={(e) => setServerUrl(e.target.value)}
        />
      </label>
      <label>
        Pairing code
        <input
          ref={refs.code}
          className="pair-code"
          data-testid="pair-code"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          placeholder="ABCD-EFGH"
          aria-describedby="pair-code-hint"
          aria-invalid={invalid('code')}
          value={groupPairingCode(code)}
          onChange={(e) => setCode(normalisePairingCode(e.target.value))}
        />
        <span id="pair-code-hint" className="hint">
          8 letters and digits. Case, spaces and dashes do not matter.
        </span>
      </label>
      <label>
        Counter name (optional)
        <input
          ref={refs.deviceName}
          data-testid="pair-device-name"
          autoComplete="off"
          maxLength={100}
          placeholder="e.g. Counter 2"
          value={deviceName}
          aria-invalid={invalid('deviceName')}
          onChange={(e) => setDeviceName(e.target.value)}
        />
      </label>
      {error !== null && (
        <p className="error" role="alert" data-testid="pair-error">
          {error.message}
        </p>
      )}
      <button type="submit" className="primary big" data-testid="pair-submit" disabled={busy}>
        {busy ? 'Pairing…' : 'Pair'} <kbd>Enter</kbd>
      </button>
    </form>
  );
}

function InitialSync() {
  const sync = useApp((s) => s.sync);
  const readAt = useApp((s) => s.syncReadAt);
  const view = initialSyncView(sync, readAt);
  return (
    <section className="pairing-card" aria-labelledby="initial-sync-title" data-testid="initial-sync">
      <h1 id="initial-sync-title">Paired · copying the branch’s data</h1>
      <p className="hint">
        {sync?.serverUrl == null ? 'The catalogue, prices, stock and staff are coming down from the sync server.' : `The catalogue, prices, stock and staff are coming down from ${sync.serverUrl}.`} Keep the
        app open; staff can log in as soon as this is done.
      </p>
      <SyncProgress view={view.progress} />
      {view.problem !== null && (
        <p className="error" role="alert" data-testid="initial-sync-problem">
          {view.problem}
        </p>
      )}
    </section>
  );
}
