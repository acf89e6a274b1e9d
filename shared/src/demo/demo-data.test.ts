import { describe, expect, it } from 'vitest';
import { DEMO_ARNICA_30_SKU, DEMO_EXPIRED_SKU, DEMO_NUX_200_SKU, generateDemoData } from './demo-data.js';

describe('the demo organisation', () => {
  const today = '2026-11-24';
  const data = generateDemoData({ today, skuCount: 6000 });

  it('is the same, ids included, for the same date and seed — so the app and the server can share it', () => {
    expect(JSON.stringify(generateDemoData({ today, skuCount: 6000 }))).toBe(JSON.stringify(data));
    expect(generateDemoData({ today, skuCount: 6000, seed: 7 }).products[0]?.id).not.toBe(data.products[0]?.id);
  });

  it('holds the requested number of products with unique ids, SKUs and valid EAN-13 barcodes', () => {
    expect(data.products).toHaveLength(6000);
    for (const key of ['id', 'sku', 'barcode'] as const) expect(new Set(data.products.map((p) => p[key])).size).toBe(6000);
    for (const p of data.products.slice(0, 200)) {
      const digits = [...p.barcode].map(Number);
      const sum = digits.slice(0, 12).reduce((a, d, i) => a + d * (i % 2 === 0 ? 1 : 3), 0);
      expect(digits[12]).toBe((10 - (sum % 10)) % 10);
    }
  });

  it('has expired, near-expiry and long-dated stock, and the products the E2E flows rely on', () => {
    const bySku = new Map(data.products.map((p) => [p.sku, p]));
    const batchesOf = (sku: string) => data.batches.filter((b) => b.productId === bySku.get(sku)?.id);
    const bell = batchesOf(DEMO_EXPIRED_SKU);
    expect(bell.some((b) => b.expiry < today && b.qty > 0)).toBe(true);
    expect(bell.some((b) => b.expiry >= today && b.qty > 0)).toBe(true);
    for (const sku of [DEMO_ARNICA_30_SKU, DEMO_NUX_200_SKU]) expect(batchesOf(sku).reduce((a, b) => a + b.qty, 0)).toBeGreaterThanOrEqual(40);
    const expired = data.batches.filter((b) => b.expiry < today).length;
    const near = data.batches.filter((b) => b.expiry >= today && b.expiry <= '2027-02-22').length;
    expect(expired).toBeGreaterThan(50);
    expect(near).toBeGreaterThan(100);
  });

  it('has two branches in different states with valid GSTINs, and staff of every counter role', () => {
    expect(data.branches.map((b) => [b.code, b.stateCode])).toEqual([['BLR', '29'], ['PUN', '27']]);
    expect(new Set(data.staff.map((s) => s.role))).toEqual(new Set(['cashier', 'pharmacist', 'manager']));
  });
});
