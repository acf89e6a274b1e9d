import { describe, expect, it } from 'vitest';
import type { CustomerListItem } from '../../../shared/src/api/customers-api.js';
import { paise } from '../../../shared/src/money.js';
import { balanceText, checkCustomerEdit, customersCsv, stateText } from './customers-view.js';

const customer = (over: Partial<CustomerListItem> = {}): CustomerListItem => ({
  id: 'c1', phone: '9812345678', name: 'Kavya Rao', gstin: null, stateCode: null, balances: { points: 0, storeCreditPaise: paise(0) }, ...over,
});

describe('customer screens', () => {
  it('shows only the balances a customer has', () => {
    expect(balanceText({ points: 0, storeCreditPaise: paise(0) })).toBe('');
    expect(balanceText({ points: 1250, storeCreditPaise: paise(0) })).toBe('1,250 pts');
    expect(balanceText({ points: 12, storeCreditPaise: paise(5000) })).toBe('12 pts · ₹50.00 credit');
    expect(stateText('29')).toBe('Karnataka (29)');
    expect(stateText(null)).toBe('—');
  });

  it('exports customers with GSTIN, state and exact balances', () => {
    const csv = customersCsv(
      [customer(), customer({ id: 'c2', name: 'Pune Clinic, LLP', gstin: '27AAPFU0939F1ZV', stateCode: '27', balances: { points: 40, storeCreditPaise: paise(12_345) } })],
      '2026-11-24',
    );
    expect(csv.filename).toBe('similia-customers-2026-11-24.csv');
    expect(csv.text.split(/\r?\n/).filter((l) => l !== '')).toEqual([
      'Name,Phone,GSTIN,State code,State,Points,Store credit (₹)',
      'Kavya Rao,9812345678,,,,0,0.00',
      '"Pune Clinic, LLP",9812345678,27AAPFU0939F1ZV,27,Maharashtra,40,123.45',
    ]);
  });

  it('checks an edit the way the core does: GSTIN sets the state, or a valid state alone', () => {
    expect(checkCustomerEdit({ name: ' Kavya  Rao ', gstin: '27aapfu0939f1zv', stateCode: '29' })).toEqual({ kind: 'ok', name: 'Kavya Rao', gstin: '27AAPFU0939F1ZV', stateCode: '27' });
    expect(checkCustomerEdit({ name: 'Kavya', gstin: '', stateCode: '7' })).toEqual({ kind: 'ok', name: 'Kavya', gstin: null, stateCode: '07' });
    expect(checkCustomerEdit({ name: 'Kavya', gstin: '27AAPFU0939F1ZX', stateCode: '' })).toMatchObject({ kind: 'invalid', reason: expect.stringMatching(/check character/) });
    expect(checkCustomerEdit({ name: 'Kavya', gstin: '', stateCode: '55' })).toMatchObject({ kind: 'invalid' });
    expect(checkCustomerEdit({ name: 'K', gstin: '', stateCode: '' })).toMatchObject({ kind: 'invalid' });
  });
});
