import { describe, expect, it } from 'vitest';
import { potencySteps, shelfOrder } from './catalog-service.js';

describe('ordering equally relevant products like a shelf', () => {
  it('puts potencies in pharmacological order, with LM after the centesimal scale', () => {
    const labels = ['LM1', 'CM', '10M', '1M', '200C', '30C', '12C', '6C', '12X', '6X', '3X', 'Q'];
    const sorted = [...labels].sort((a, b) => potencySteps(a) - potencySteps(b));
    expect(sorted).toEqual(['Q', '3X', '6X', '12X', '6C', '12C', '30C', '200C', '1M', '10M', 'CM', 'LM1']);
  });

  it('lists dilutions before globules, and a small pack before a large one of the same potency', () => {
    const items = [
      { form: 'globules', potency: '30C', packSize: '2 dr' },
      { form: 'dilution', potency: '30C', packSize: '100 ml' },
      { form: 'dilution', potency: '200C', packSize: '30 ml' },
      { form: 'dilution', potency: '30C', packSize: '30 ml' },
    ] as const;
    const sorted = [...items].sort((a, b) => shelfOrder(a) - shelfOrder(b));
    expect(sorted.map((i) => `${i.form} ${i.potency} ${i.packSize}`)).toEqual(['dilution 30C 30 ml', 'dilution 30C 100 ml', 'dilution 200C 30 ml', 'globules 30C 2 dr']);
  });
});
