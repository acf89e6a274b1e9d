import { useEffect, useRef, useState } from 'react';
import type { StaffSummary } from '../../../shared/src/api-contract.js';
import { call } from '../api/bridge.js';
import { useApp } from '../state/store.js';

/** Staff tiles, then a PIN: the fastest safe login at a shared counter. */
export function LoginScreen() {
  const login = useApp((s) => s.login);
  const [staff, setStaff] = useState<StaffSummary[]>([]);
  const [chosen, setChosen] = useState<StaffSummary | null>(null);
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [lockedUntil, setLockedUntil] = useState<number | null>(null);
  const [now, setNow] = useState(Date.now());
  const [busy, setBusy] = useState(false);
  const pinRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void call('auth.staffList', {}).then((r) => (r.ok ? setStaff(r.value) : setError(r.error.message)));
  }, []);

  useEffect(() => {
    if (lockedUntil === null) return;
    const timer = window.setInterval(() => setNow(Date.now()), 250);
    return () => window.clearInterval(timer);
  }, [lockedUntil]);

  useEffect(() => {
    if (chosen === null) return;
    pinRef.current?.focus();
  }, [chosen]);

  // Before a staff member is chosen: number keys pick a tile, arrow keys move between tiles
  // (Enter or Space on the focused tile picks it, as on any button).
  useEffect(() => {
    if (chosen !== null) return;
    const onKey = (e: KeyboardEvent) => {
      const member = staff[Number(e.key) - 1];
      if (member !== undefined) return choose(member);
      if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
      const tiles = [...document.querySelectorAll<HTMLButtonElement>('[data-testid="staff-tile"]')];
      const at = tiles.indexOf(document.activeElement as HTMLButtonElement);
      const next = at < 0 ? 0 : (at + (e.key === 'ArrowRight' ? 1 : tiles.length - 1)) % tiles.length;
      tiles[next]?.focus();
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  function choose(member: StaffSummary) {
    setChosen(member);
    setPin('');
    setError(null);
    setLockedUntil(null);
  }

  async function submit() {
    if (chosen === null || busy || pin.length === 0) return;
    setBusy(true);
    const failure = await login(chosen.id, pin);
    setBusy(false);
    setPin('');
    if (failure === null) return;
    setError(failure.message);
    const retry = failure.details?.retryAfterSeconds;
    setNow(Date.now());
    setLockedUntil(typeof retry === 'number' ? Date.now() + retry * 1000 : null);
    pinRef.current?.focus();
  }

  const secondsLeft = lockedUntil === null ? 0 : Math.max(0, Math.ceil((lockedUntil - now) / 1000));

  return (
    <main className="login">
      <h1>Who is at the counter?</h1>
      <div className="tiles" role="listbox" aria-label="Staff">
        {staff.map((member, i) => (
          <button
            key={member.id}
            type="button"
            role="option"
            aria-selected={chosen?.id === member.id}
            className={`tile ${chosen?.id === member.id ? 'tile-chosen' : ''}`}
            data-testid="staff-tile"
            onClick={() => choose(member)}
          >
            <kbd>{i + 1}</kbd>
            <span className="tile-name">{member.name}</span>
            <span className="tile-role">{member.role}</span>
          </button>
        ))}
      </div>
      {chosen !== null && (
        <form
          className="pin-form"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <label htmlFor="pin">PIN for {chosen.name}</label>
          <input
            id="pin"
            ref={pinRef}
            data-testid="login-pin"
            type="password"
            inputMode="numeric"
            autoComplete="off"
            maxLength={8}
            value={pin}
            onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))}
            onKeyDown={(e) => {
              if (e.key === 'Escape') setChosen(null);
            }}
          />
          <div className="pin-pad" aria-hidden="true">
            {['1', '2', '3', '4', '5', '6', '7', '8', '9', 'C', '0', 'OK'].map((k) => (
              <button
                key={k}
                type={k === 'OK' ? 'submit' : 'button'}
                tabIndex={-1}
                onClick={() => {
                  if (k === 'C') setPin('');
                  else if (k !== 'OK') setPin((p) => (p + k).slice(0, 8));
                  pinRef.current?.focus();
                }}
              >
                {k}
              </button>
            ))}
          </div>
          <p className="hint">Type the PIN and press Enter · Esc to pick someone else</p>
        </form>
      )}
      {error !== null && (
        <p className="error" role="alert" data-testid="login-error">
          {secondsLeft > 0
            ? `${chosen?.name ?? 'This staff member'} is locked after too many wrong PINs — try again in ${secondsLeft} s, or ask a manager.`
            : lockedUntil !== null
              ? 'The lock has ended: enter the PIN again.'
              : error}
        </p>
      )}
    </main>
  );
}
