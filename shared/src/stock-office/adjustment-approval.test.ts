import { describe, expect, it } from 'vitest';
import { paise } from '../money.js';
import { canRecordAdjustment } from '../roles.js';
import { adjustmentApproval, DEFAULT_ADJUSTMENT_APPROVAL, parseApprovalPolicy } from './adjustment-approval.js';

const policy = DEFAULT_ADJUSTMENT_APPROVAL;
const line = (qtyDelta: number, cost: number) => ({ qtyDelta, costPaise: paise(cost) });

describe('adjustment approval', () => {
  it.each([
    ['a manager below both thresholds approves it alone', 'manager', [line(-2, 10_000)], 'none'],
    ['a manager at exactly ₹1,000 still approves it alone', 'manager', [line(-10, 10_000)], 'none'],
    ['a manager above ₹1,000 at cost needs another manager', 'manager', [line(-10, 10_001)], 'another_manager'],
    ['write-downs and write-ups both count by their size', 'admin', [line(-6, 10_000), line(5, 10_000)], 'another_manager'],
    ['a line of more than 50 packs needs another manager, however cheap', 'manager', [line(51, 1)], 'another_manager'],
    ['a pharmacist always needs a manager, even for a small one', 'pharmacist', [line(-1, 100)], 'manager'],
    ['a pharmacist above the threshold needs a manager too', 'pharmacist', [line(-100, 10_000)], 'manager'],
  ] as const)('%s', (_name, role, lines, approver) => {
    expect(adjustmentApproval(lines, policy, role).approver).toBe(approver);
  });

  it('reports the value at cost, the units and why it is above the threshold', () => {
    const a = adjustmentApproval([line(-60, 2_500), line(3, 1_000)], policy, 'manager');
    expect(a).toMatchObject({ valuePaise: 153_000, units: 63, largestLineUnits: 60 });
    expect(a.aboveThreshold).toEqual(['value at cost ₹1,530.00 is above ₹1,000.00', 'a line moves 60 packs, more than 50']);
  });

  it('reads the setting, falling back to the default for missing or malformed parts', () => {
    expect(parseApprovalPolicy({ maxValuePaise: 50_000, maxLineUnits: 10 })).toEqual({ maxValuePaise: 50_000, maxLineUnits: 10 });
    expect(parseApprovalPolicy({ maxValuePaise: -1, maxLineUnits: 2.5 })).toEqual(policy);
    expect(parseApprovalPolicy(null)).toEqual(policy);
    expect(parseApprovalPolicy({ maxLineUnits: 0 })).toEqual({ maxValuePaise: policy.maxValuePaise, maxLineUnits: 0 });
  });

  it('lets pharmacists, managers and admins record adjustments, never cashiers', () => {
    expect((['cashier', 'pharmacist', 'manager', 'admin'] as const).map(canRecordAdjustment)).toEqual([false, true, true, true]);
  });
});
