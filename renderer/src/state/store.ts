/**
 * One zustand store made of slices. Actions call the core through the bridge; components select
 * narrow pieces of state and hold no business maths (the core prices, shared/ formats).
 */
import { create, type StateCreator } from 'zustand';
import type { AppInfo, CartLineInput, Quote, SaleInvoice, StaffSummary } from '../../../shared/src/api-contract.js';
import type { Customer } from '../../../shared/src/domain.js';
import type { AppError } from '../../../shared/src/errors.js';

import { call, sessionToken, setSessionToken } from '../api/bridge.js';
import * as cart from './cart.js';
import { createPairingSlice, type PairingSlice } from './pairing-slice.js';
import { createOfficeSlice, type OfficeSlice } from './office-slice.js';
import { createStockOfficeSlice, type StockOfficeSlice } from './stock-office-slice.js';
import { createStocktakeSlice, type StocktakeSlice } from './stocktake-slice.js';
import { createTransfersSlice, type TransfersSlice } from './transfers-slice.js';
import { createReturnsSlice, type ReturnsSlice } from './returns-slice.js';
import { createShiftsSlice, type ShiftsSlice } from './shifts-slice.js';
import { createCustomersSlice, type CustomersSlice } from './customers-slice.js';
import { createSchemesSlice, type SchemesSlice } from './schemes-slice.js';
import { createImportsSlice, type ImportsSlice } from './imports-slice.js';
import { createReportsSlice, type ReportsSlice } from './reports-slice.js';
import { createSyncSlice, type SyncSlice } from './sync-slice.js';

export type Dialog = 'none' | 'pay' | 'customer' | 'recent' | 'held' | 'help' | 'sync';

export interface SessionSlice {
  info: AppInfo | null;
  staff: StaffSummary | null;
  booted: boolean;
  boot(): Promise<void>;
  login(staffId: string, pin: string): Promise<AppError | null>;
  logout(): Promise<void>;
}

export interface CartSlice {
  lines: readonly CartLineInput[];
  quote: Quote | null;
  customer: Customer | null;
  edit(change: (lines: cart.Cart) => cart.Cart): Promise<void>;
  addProduct(productId: string): Promise<void>;
  setCustomer(customer: Customer | null): Promise<void>;
  replaceCart(lines: CartLineInput[], customer: Customer | null): Promise<void>;
  clearCart(): void;
}

export interface UiSlice {
  dialog: Dialog;
  invoice: SaleInvoice | null;
  /** Why the invoice is on screen: a sale just completed, or a reprint from the recent list. */
  invoiceOrigin: 'sale' | 'reprint';
  notice: { kind: 'error' | 'info'; text: string } | null;
  focusTick: number;
  openDialog(dialog: Dialog): void;
  closeDialog(): void;
  showInvoice(invoice: SaleInvoice | null, origin?: 'sale' | 'reprint'): void;
  notify(kind: 'error' | 'info', text: string): void;
  refocus(): void;
}

export type AppState = SessionSlice &
  CartSlice &
  SyncSlice &
  PairingSlice &
  UiSlice &
  ReportsSlice &
  OfficeSlice &
  StockOfficeSlice &
  StocktakeSlice &
  TransfersSlice &
  ReturnsSlice &
  ShiftsSlice &
  CustomersSlice &
  SchemesSlice &
  ImportsSlice;

let lineCounter = 0;
const nextLineId = (): string => `line-${Date.now().toString(36)}-${(lineCounter += 1)}`;
let quoteSeq = 0;

export const createSessionSlice: StateCreator<AppState, [], [], SessionSlice> = (set, get) => ({
  info: null,
  staff: null,
  booted: false,
  async boot() {
    const info = await call('app.info', {});
    if (!info.ok && info.error.code === 'device.unpaired') {
      // A fresh install: pair first. If it was paired but the initial sync had not finished
      // (the app was closed during it), follow that sync instead of asking for a code again.
      await get().refreshSync();
      set({ unpaired: true, pairingPhase: get().sync?.paired === true ? 'initial-sync' : 'form', info: null, staff: null, booted: true });
      return;
    }
    if (!info.ok) {
      get().notify('error', info.error.message);
      set({ booted: true });
      return;
    }
    const session = sessionToken() === null ? null : await call('auth.session', {});
    set({ info: info.value, staff: session?.ok ? session.value : null, booted: true, unpaired: false, pairingPhase: 'form', pairingLost: null });
    if (session !== null && !session.ok) setSessionToken(null);
    void get().refreshSync();
  },
  async login(staffId, pin) {
    const result = await call('auth.login', { staffId, pin });
    if (!result.ok) return result.error;
    setSessionToken(result.value.sessionToken);
    set({ staff: result.value.staff, notice: null });
    return null;
  },
  async logout() {
    await call('auth.logout', {});
    setSessionToken(null);
    set({ staff: null, lines: [], quote: null, customer: null, dialog: 'none', invoice: null, screen: 'sell', reportView: null });
  },
});

export const createCartSlice: StateCreator<AppState, [], [], CartSlice> = (set, get) => {
  /** Re-prices after every edit; a late answer for an older cart is dropped. */
  const requote = async (): Promise<void> => {
    const { lines, customer } = get();
    const mine = (quoteSeq += 1);
    if (lines.length === 0) {
      set({ quote: null });
      return;
    }
    const result = await call('sale.quote', { lines: [...lines], customerId: customer?.id ?? null });
    if (mine !== quoteSeq) return;
    if (result.ok) set({ quote: result.value });
    else get().notify('error', result.error.message);
  };
  return {
    lines: [],
    quote: null,
    customer: null,
    async edit(change) {
      set({ lines: change(get().lines) });
      await requote();
    },
    async addProduct(productId) {
      await get().edit((lines) => cart.addProduct(lines, productId, nextLineId()));
    },
    async setCustomer(customer) {
      set({ customer });
      await requote();
    },
    async replaceCart(lines, customer) {
      set({ lines, customer, notice: null });
      await requote();
    },
    clearCart() {
      quoteSeq += 1;
      set({ lines: [], quote: null, customer: null });
    },
  };
};

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set, get) => ({
  dialog: 'none',
  invoice: null,
  invoiceOrigin: 'reprint',
  notice: null,
  focusTick: 0,
  openDialog: (dialog) => set({ dialog }),
  closeDialog: () => {
    set({ dialog: 'none' });
    get().refocus();
  },
  showInvoice: (invoice, origin = 'reprint') => set({ invoice, invoiceOrigin: origin, dialog: 'none', notice: null }),
  notify: (kind, text) => set({ notice: { kind, text } }),
  refocus: () => set({ focusTick: get().focusTick + 1 }),
});

export const useApp = create<AppState>()((...a) => ({
  ...createSessionSlice(...a),
  ...createCartSlice(...a),
  ...createSyncSlice(...a),
  ...createPairingSlice(...a),
  ...createUiSlice(...a),
  ...createReportsSlice(...a),
  ...createOfficeSlice(...a),
  ...createStockOfficeSlice(...a),
  ...createStocktakeSlice(...a),
  ...createTransfersSlice(...a),
  ...createReturnsSlice(...a),
  ...createShiftsSlice(...a),
  ...createCustomersSlice(...a),
  ...createSchemesSlice(...a),
  ...createImportsSlice(...a),
}));

