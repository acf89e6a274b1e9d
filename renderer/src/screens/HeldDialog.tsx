import { useEffect, useRef, useState } from 'react';
import type { HeldSale } from '../../../shared/src/api-contract.js';
import { formatINR } from '../../../shared/src/money.js';
import { call } from '../api/bridge.js';
import { Dialog } from '../components/Dialog.js';
import { istTime } from '../ist-time.js';
import { useApp } from '../state/store.js';

/** Held sales: Enter recalls the highlighted one into the cart. */
export function HeldDialog() {
  const close = useApp((s) => s.closeDialog);
  const replaceCart = useApp((s) => s.replaceCart);
  const hasCart = useApp((s) => s.lines.length > 0);
  const [held, setHeld] = useState<HeldSale[]>([]);
  const [active, setActive] = useState(0);
  const [error, setError] = useState<string | null>(null);
  // React's autoFocus only works on form controls, so the list takes the focus itself.
  const listRef = useRef<HTMLUListElement>(null);
  useEffect(() => listRef.current?.focus(), []);
  useEffect(() => void call('sale.listHeld', {}).then((r) => (r.ok ? setHeld(r.value) : setError(r.error.message))), []);

  async function recall(h: HeldSale) {
    if (hasCart) return setError('Hold or finish the current cart first (F8 holds it).');
    const r = await call('sale.recall', { heldId: h.heldId });
    if (!r.ok) return setError(r.error.message);
    await replaceCart(r.value.lines, r.value.customer);
    close();
  }

  return (
    <Dialog title="Held sales" onClose={close}>
      <ul
        ref={listRef}
        className="held"
        tabIndex={0}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp' || e.key === 'Enter') e.preventDefault();
          if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, held.length - 1));
          if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
          const h = held[active];
          if (e.key === 'Enter' && h !== undefined) void recall(h);
        }}
      >
        {held.map((h, i) => (
          <li key={h.heldId} className={i === active ? 'row-active' : ''} onDoubleClick={() => void recall(h)}>
            <span>{istTime(h.at)}</span>
            <span>{h.lines.length} items</span>
            <span>{h.staffName}</span>
            <span>{h.note}</span>
            <strong>{formatINR(h.totalPaise)}</strong>
          </li>
        ))}
        {held.length === 0 && <li className="hint">Nothing on hold.</li>}
      </ul>
      {held.length > 0 && <p className="hint">↑/↓ choose · Enter recall · Esc close</p>}
      {error !== null && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  );
}
