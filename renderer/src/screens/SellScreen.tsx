import { useEffect } from 'react';
import { formatINR } from '../../../shared/src/money.js';
import { call } from '../api/bridge.js';
import { ShortcutBar } from '../components/ShortcutBar.js';
import * as cart from '../state/cart.js';
import { useApp, type Dialog } from '../state/store.js';
import { CartTable } from './CartTable.js';
import { CustomerDialog } from './CustomerDialog.js';
import { HeldDialog } from './HeldDialog.js';
import { HelpDialog } from './HelpDialog.js';
import { PaymentDialog } from './PaymentDialog.js';
import { RecentDialog } from './RecentDialog.js';
import { SearchBox } from './SearchBox.js';
import { Totals } from './Totals.js';

const FKEYS: Record<string, Dialog | 'search' | 'hold' | 'reports' | 'office' | 'returns'> = { F1: 'help', F2: 'search', F3: 'office', F4: 'customer', F5: 'returns', F6: 'recent', F7: 'reports', F8: 'hold', F9: 'held', F10: 'pay', F12: 'pay' };

/** The counter: search/scan, cart, customer, totals, payment. Everything has a key. */
export function SellScreen() {
  const dialog = useApp((s) => s.dialog);
  const notice = useApp((s) => s.notice);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const state = useApp.getState();
      if (e.ctrlKey && e.key.toLowerCase() === 'l') {
        e.preventDefault();
        void state.logout();
        return;
      }
      const action = FKEYS[e.key];
      if (action === undefined) return;
      e.preventDefault();
      if (action === 'search') return state.closeDialog();
      if (action === 'hold') return void hold();
      if (action === 'reports') return void state.openReports();
      if (action === 'office') return state.openOffice();
      if (action === 'returns') return state.openOffice('returns');
      if (action === 'pay' && (state.quote === null || !state.quote.sellable)) {
        return state.notify('error', state.lines.length === 0 ? 'The cart is empty.' : 'Fix the marked lines before payment.');
      }
      state.openDialog(action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className="sell">
      <main className="sell-main">
        <SearchBox onEmptyKey={emptyKey} />
        {notice !== null && (
          <div className={`notice notice-${notice.kind}`} role="status">
            {notice.text}
            <button type="button" className="link" onClick={() => useApp.setState({ notice: null })} aria-label="Dismiss">
              ✕
            </button>
          </div>
        )}
        <CartTable />
      </main>
      <aside className="sell-side">
        <CustomerBox />
        <Totals />
        <SideButtons />
      </aside>
      <ShortcutBar />
      {dialog === 'pay' && <PaymentDialog />}
      {dialog === 'customer' && <CustomerDialog />}
      {dialog === 'recent' && <RecentDialog />}
      {dialog === 'held' && <HeldDialog />}
      {dialog === 'help' && <HelpDialog />}
    </div>
  );
}

/** Keys typed into an EMPTY search box act on the last cart line. */
function emptyKey(key: string): boolean {
  const state = useApp.getState();
  const last = state.lines[state.lines.length - 1];
  if (last === undefined) return false;
  if (key === '+') return void state.edit((l) => cart.changeQty(l, last.lineId, 1)), true;
  if (key === '-') return void state.edit((l) => cart.changeQty(l, last.lineId, -1)), true;
  if (key === 'Delete') return void state.edit((l) => cart.removeLine(l, last.lineId)), true;
  return false;
}

async function hold() {
  const state = useApp.getState();
  if (state.lines.length === 0) return state.notify('error', 'There is nothing in the cart to hold.');
  const r = await call('sale.hold', { lines: [...state.lines], customerId: state.customer?.id ?? null, note: state.customer?.name ?? '' });
  if (!r.ok) return state.notify('error', r.error.message);
  state.clearCart();
  state.notify('info', 'Sale held. F9 recalls it.');
  state.refocus();
}

function CustomerBox() {
  const customer = useApp((s) => s.customer);
  const open = useApp((s) => s.openDialog);
  return (
    <button type="button" className="customer-box" onClick={() => open('customer')}>
      {customer === null ? (
        <span>
          Walk-in customer · <kbd>F4</kbd> attach by phone or name
        </span>
      ) : (
        <span>
          <strong>{customer.name}</strong> · {customer.phone}
          {customer.gstin !== null && <span className="gstin"> · GSTIN {customer.gstin}</span>}
        </span>
      )}
    </button>
  );
}

function SideButtons() {
  const open = useApp((s) => s.openDialog);
  const sellable = useApp((s) => s.quote?.sellable === true);
  const total = useApp((s) => s.quote?.totals.totalPaise ?? null);
  return (
    <div className="side-buttons">
      <button type="button" className="primary big" data-testid="pay-button" disabled={!sellable} onClick={() => open('pay')}>
        Pay {total === null ? '' : formatINR(total)} <kbd>F10</kbd>
      </button>
      <div className="side-grid">
        <button type="button" onClick={() => void hold()}>
          Hold <kbd>F8</kbd>
        </button>
        <button type="button" onClick={() => open('held')}>
          Recall <kbd>F9</kbd>
        </button>
        <button type="button" data-testid="recent-sales" onClick={() => open('recent')}>
          Recent <kbd>F6</kbd>
        </button>
        <button type="button" onClick={() => open('help')}>
          Help <kbd>F1</kbd>
        </button>
      </div>
    </div>
  );
}
