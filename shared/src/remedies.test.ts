import { describe, expect, it } from 'vitest';
import { REMEDIES, TISSUE_SALTS } from './remedies.js';

describe('REMEDIES', () => {
  it('holds every row of shared/data/remedies.csv', () => {
    // 115 data rows in the reference CSV; all 12 tissue salts are among them.
    expect(REMEDIES).toHaveLength(115);
    expect(REMEDIES.find((r) => r.name === 'Nux vomica')).toEqual({
      name: 'Nux vomica', abbreviations: ['nux-v', 'nux v', 'nux vom'], kind: 'plant',
    });
  });

  it('has unique names, a kind for each, and lowercase abbreviations', () => {
    expect(new Set(REMEDIES.map((r) => r.name)).size).toBe(REMEDIES.length);
    for (const r of REMEDIES) {
      expect(['plant', 'mineral', 'animal', 'fungus', 'nosode']).toContain(r.kind);
      for (const a of r.abbreviations) expect(a).toBe(a.toLowerCase());
    }
  });

  it('lists the 12 tissue salts, each present in REMEDIES', () => {
    expect(TISSUE_SALTS).toHaveLength(12);
    for (const salt of TISSUE_SALTS) expect(REMEDIES.some((r) => r.name === salt)).toBe(true);
  });
});
