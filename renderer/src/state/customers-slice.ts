import type { StateCreator } from 'zustand';
import type { CustomerDetail, CustomerListItem } from '../../../shared/src/api/customers-api.js';
import type { LoyaltyRule } from '../../../shared/src/loyalty.js';
import { call } from '../api/bridge.js';
import { checkCustomerEdit, type CustomerEdit } from './customers-view.js';
import type { AppState } from './store.js';

/** State of Customer search, history, loyalty points, B2B (the back-office Customers tab). */
export interface CustomersSlice {
  customersQuery: string;
  customersList: CustomerListItem[];
  customersDetail: CustomerDetail | null;
  customersError: string | null;
  loyaltyRule: LoyaltyRule | null;
  customersSearch(query: string): Promise<void>;
  customersOpen(customerId: string | null): Promise<void>;
  /** True when saved; the list and the open customer refresh. */
  customersSave(customerId: string, edit: CustomerEdit): Promise<boolean>;
  customersReprint(saleId: string): Promise<void>;
  loyaltyLoad(): Promise<void>;
  loyaltySave(rule: LoyaltyRule): Promise<boolean>;
}

export const createCustomersSlice: StateCreator<AppState, [], [], CustomersSlice> = (set, get) => ({
  customersQuery: '',
  customersList: [],
  customersDetail: null,
  customersError: null,
  loyaltyRule: null,
  async customersSearch(query) {
    set({ customersQuery: query });
    const found = await call('customer.search', { query, limit: 500 });
    if (get().customersQuery !== query) return; // a newer search is on its way
    if (found.ok) set({ customersList: found.value, customersError: null });
    else set({ customersError: found.error.message });
  },
  async customersOpen(customerId) {
    if (customerId === null) return set({ customersDetail: null });
    const detail = await call('customer.detail', { customerId });
    if (detail.ok) set({ customersDetail: detail.value, customersError: null });
    else set({ customersError: detail.error.message });
  },
  async customersSave(customerId, edit) {
    const check = checkCustomerEdit(edit);
    if (check.kind === 'invalid') {
      set({ customersError: check.reason });
      return false;
    }
    const saved = await call('customer.update', { customerId, name: check.name, gstin: check.gstin, stateCode: check.stateCode });
    if (!saved.ok) {
      set({ customersError: saved.error.message });
      return false;
    }
    void get().refreshSync(); // the edit is queued for sync
    if (get().customer?.id === customerId) await get().setCustomer(saved.value); // the cart re-quotes (IGST may change)
    await Promise.all([get().customersSearch(get().customersQuery), get().customersOpen(customerId)]);
    return true;
  },
  async customersReprint(saleId) {
    const invoice = await call('sale.get', { saleId });
    if (invoice.ok) get().showInvoice(invoice.value, 'reprint');
    else set({ customersError: invoice.error.message });
  },
  async loyaltyLoad() {
    const rule = await call('loyalty.rule', {});
    if (rule.ok) set({ loyaltyRule: rule.value });
  },
  async loyaltySave(rule) {
    const saved = await call('loyalty.setRule', { rule });
    if (!saved.ok) {
      set({ customersError: saved.error.message });
      return false;
    }
    set({ loyaltyRule: saved.value, customersError: null });
    return true;
  },
});
