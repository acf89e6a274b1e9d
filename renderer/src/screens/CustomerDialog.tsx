import { useEffect, useRef, useState } from 'react';
import type { CustomerListItem } from '../../../shared/src/api/customers-api.js';
import { normalizeIndianPhone } from '../../../shared/src/phone.js';
import { call } from '../api/bridge.js';
import { Dialog } from '../components/Dialog.js';
import { balanceText } from '../state/customers-view.js';
import { useApp } from '../state/store.js';

/**
 * Attach a customer (F4): type a phone number (any part of it) or a name; ↑/↓ pick, Enter attaches.
 * A full phone number nobody has opens the form to create them (GSTIN optional, for B2B).
 */
export function CustomerDialog() {
  const close = useApp((s) => s.closeDialog);
  const setCustomer = useApp((s) => s.setCustomer);
  const current = useApp((s) => s.customer);
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<CustomerListItem[]>([]);
  const [picked, setPicked] = useState(0);
  const [creating, setCreating] = useState(false);
  const [name, setName] = useState('');
  const [gstin, setGstin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const asked = useRef('');

  async function search(q: string): Promise<CustomerListItem[]> {
    asked.current = q;
    if (q.trim().length < 2) return [];
    const found = await call('customer.search', { query: q, limit: 8 });
    return found.ok ? found.value : [];
  }

  useEffect(() => {
    if (creating) return;
    const timer = window.setTimeout(() => {
      void search(query).then((found) => {
        if (asked.current !== query) return; // a newer keystroke asked again
        setHits(found);
        setPicked(0);
      });
    }, 120);
    return () => window.clearTimeout(timer);
  }, [query, creating]);

  async function attach(c: CustomerListItem) {
    // Close first: the re-quote may take a moment, and a quick F10 must not be closed by it.
    close();
    await setCustomer({ id: c.id, phone: c.phone, name: c.name, gstin: c.gstin, stateCode: c.stateCode });
  }

  async function enter() {
    // Scanners and quick typists press Enter before the search settles: ask again, now.
    const found = await search(query);
    setHits(found);
    const chosen = found[Math.min(picked, found.length - 1)];
    if (chosen !== undefined) return attach(chosen);
    if (normalizeIndianPhone(query) === null) return setError('Nobody found. Type their full 10-digit mobile number to add them.');
    setCreating(true);
    setError(null);
  }

  async function create() {
    const made = await call('customer.create', { phone: query, name, gstin: gstin.trim() === '' ? null : gstin });
    if (!made.ok) return setError(made.error.message);
    void useApp.getState().refreshSync(); // the new customer is queued for sync
    close();
    await setCustomer(made.value);
  }

  return (
    <Dialog title="Customer" onClose={close}>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          void (creating ? create() : enter());
        }}
      >
        {current !== null && (
          <p className="attached">
            Attached: <strong>{current.name}</strong> ({current.phone}){' '}
            <button type="button" className="link danger" onClick={() => void setCustomer(null).then(close)}>
              detach
            </button>
          </p>
        )}
        <label>
          Mobile number or name
          <input
            autoFocus
            data-testid="customer-phone"
            autoComplete="off"
            value={query}
            onChange={(e) => (setQuery(e.target.value), setCreating(false), setError(null))}
            onKeyDown={(e) => {
              if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
              e.preventDefault();
              const step = e.key === 'ArrowDown' ? 1 : -1;
              setPicked((p) => Math.max(0, Math.min(p + step, hits.length - 1)));
            }}
          />
        </label>
        {!creating && hits.length > 0 && (
          <ul className="customers-hits" role="listbox" aria-label="Customers found" data-testid="customer-hits">
            {hits.map((c, i) => (
              <li key={c.id} role="option" aria-selected={i === picked} className={i === picked ? 'on' : ''} onMouseDown={(e) => (e.preventDefault(), void attach(c))}>
                <span className="customers-hit-name">{c.name}</span>
                <span className="customers-hit-phone">{c.phone}</span>
                {c.gstin !== null && <span className="customers-b2b">B2B</span>}
                <span className="customers-hit-balance">{balanceText(c.balances)}</span>
              </li>
            ))}
          </ul>
        )}
        {creating && (
          <>
            <p className="hint">New customer — add a name to create them.</p>
            <label>
              Name
              <input autoFocus data-testid="customer-name" value={name} onChange={(e) => setName(e.target.value)} />
            </label>
            <label>
              GSTIN (B2B, optional)
              <input data-testid="customer-gstin" value={gstin} onChange={(e) => setGstin(e.target.value.toUpperCase())} />
            </label>
          </>
        )}
        {error !== null && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary">
          {creating ? 'Create and attach (Enter)' : hits.length > 0 ? 'Attach (Enter) · ↑↓ to pick' : 'Find (Enter)'}
        </button>
      </form>
    </Dialog>
  );
}
