import { useState } from 'react';
import { call } from '../api/bridge.js';
import { Dialog } from '../components/Dialog.js';
import { useApp } from '../state/store.js';

/** Attach a customer by phone; create them on the spot when new (GSTIN optional, for B2B). */
export function CustomerDialog() {
  const close = useApp((s) => s.closeDialog);
  const setCustomer = useApp((s) => s.setCustomer);
  const current = useApp((s) => s.customer);
  const [phone, setPhone] = useState('');
  const [creating, setCreating] = useState(false);
  const [name, setName] = useState('');
  const [gstin, setGstin] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function find() {
    const found = await call('customer.findByPhone', { phone });
    if (!found.ok) return setError(found.error.message);
    if (found.value === null) {
      setCreating(true);
      setError(null);
      return;
    }
    await setCustomer(found.value);
    close();
  }

  async function create() {
    const made = await call('customer.create', { phone, name, gstin: gstin.trim() === '' ? null : gstin });
    if (!made.ok) return setError(made.error.message);
    void useApp.getState().refreshSync(); // the new customer is queued for sync
    await setCustomer(made.value);
    close();
  }

  return (
    <Dialog title="Customer" onClose={close}>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          void (creating ? create() : find());
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
          Mobile number
          <input autoFocus data-testid="customer-phone" inputMode="tel" value={phone} onChange={(e) => (setPhone(e.target.value), setCreating(false))} />
        </label>
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
          {creating ? 'Create and attach (Enter)' : 'Find (Enter)'}
        </button>
      </form>
    </Dialog>
  );
}
