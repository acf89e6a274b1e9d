import { useEffect, useRef, useState } from 'react';
import { useApp } from '../../../state/store.js';

/**
 * The office sign-in inline in the catalogue preview: the catalogue is committed at the office with
 * the admin's office (REST) username and password. Enter signs in and commits; the password is kept
 * in memory by the core only while this counter session lasts (reports.officeSignIn).
 */
export function ImportOfficeSignIn({ busy }: { busy: boolean }) {
  const [username, setUsername] = useState('admin');
  const [password, setPassword] = useState('');
  const passwordRef = useRef<HTMLInputElement | null>(null);
  useEffect(() => passwordRef.current?.focus(), []);

  const submit = async (): Promise<void> => {
    if (password === '' || busy) return;
    const signedIn = await useApp.getState().signInAndCommitImport(username, password);
    setPassword('');
    if (!signedIn) passwordRef.current?.focus();
  };

  return (
    <form
      className="notice imports-actions"
      data-testid="import-office-signin"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <strong>Sign in to the office to commit the catalogue:</strong>
      <label>
        Username{' '}
        <input value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="username" data-testid="import-office-username" disabled={busy} />
      </label>
      <label>
        Password{' '}
        <input ref={passwordRef} type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" data-testid="import-office-password" disabled={busy} />
      </label>
      <button type="submit" className="primary" data-testid="import-office-submit" disabled={busy || password === ''}>
        Sign in and commit <kbd>Enter</kbd>
      </button>
    </form>
  );
}
