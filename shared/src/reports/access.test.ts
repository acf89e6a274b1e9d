import { describe, expect, it } from 'vitest';
import { canViewReports } from './access.js';

describe('who may open the branch reports', () => {
  it.each([
    ['cashier', false],
    ['pharmacist', false],
    ['manager', true],
    ['admin', true],
  ] as const)('a %s: %s', (role, allowed) => {
    expect(canViewReports(role)).toBe(allowed);
  });
});
