/**
 * When a stock adjustment needs someone else's approval. Adjustments are a manager's call; a
 * pharmacist may record one only with a manager's PIN on the spot. A big adjustment — its value
 * at cost above a threshold, or any line moving more than a number of packs — needs a SECOND
 * manager (or admin) even when a manager records it, so nobody writes off a lot of stock alone.
 * The thresholds are a device setting (`stock.adjustment_approval`); the server checks against
 * the organisation default below.
 */
import type { Role } from '../domain.js';
import { formatINR, paise, type Paise } from '../money.js';
import { canAdjustStock } from '../roles.js';

export interface AdjustmentApprovalPolicy {
  /** An adjustment whose value at cost (Σ |qty change| × batch cost) is above this needs a second manager. */
  maxValuePaise: Paise;
  /** Any line moving more packs than this (either way) needs a second manager. */
  maxLineUnits: number;
}

/** ₹1,000 at cost, or 50 packs on one line. */
export const DEFAULT_ADJUSTMENT_APPROVAL: AdjustmentApprovalPolicy = { maxValuePaise: paise(100_000), maxLineUnits: 50 };

/** The local setting's key (settings table, JSON `{ maxValuePaise, maxLineUnits }`). */
export const ADJUSTMENT_APPROVAL_SETTING = 'stock.adjustment_approval';

export interface AdjustmentLineValue {
  qtyDelta: number;
  /** The batch's cost per pack. */
  costPaise: Paise;
}

export interface AdjustmentApproval {
  /** Σ |qtyDelta| × cost: stock written down or up, at cost. */
  valuePaise: Paise;
  /** Σ |qtyDelta|. */
  units: number;
  /** The largest |qtyDelta| of a line. */
  largestLineUnits: number;
  /** Why the adjustment is above the threshold (empty when it is not). */
  aboveThreshold: string[];
  /**
   * Who must approve besides the person recording it: nobody (a manager, below the threshold),
   * a manager (the recorder is not one), or another manager (a manager, above the threshold).
   */
  approver: 'none' | 'manager' | 'another_manager';
}

/** Reads the setting's JSON, falling back to the default for anything missing or malformed. */
export function parseApprovalPolicy(value: unknown): AdjustmentApprovalPolicy {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const money = v.maxValuePaise;
  const units = v.maxLineUnits;
  return {
    maxValuePaise: typeof money === 'number' && Number.isSafeInteger(money) && money >= 0 ? paise(money) : DEFAULT_ADJUSTMENT_APPROVAL.maxValuePaise,
    maxLineUnits: typeof units === 'number' && Number.isSafeInteger(units) && units >= 0 ? units : DEFAULT_ADJUSTMENT_APPROVAL.maxLineUnits,
  };
}

/** What an adjustment is worth and whose approval it needs when `role` records it. */
export function adjustmentApproval(lines: readonly AdjustmentLineValue[], policy: AdjustmentApprovalPolicy, role: Role): AdjustmentApproval {
  let value = 0;
  let units = 0;
  let largest = 0;
  for (const l of lines) {
    const n = Math.abs(l.qtyDelta);
    value += n * l.costPaise;
    units += n;
    largest = Math.max(largest, n);
  }
  const aboveThreshold: string[] = [];
  if (value > policy.maxValuePaise) aboveThreshold.push(`value at cost ${formatINR(paise(value))} is above ${formatINR(policy.maxValuePaise)}`);
  if (largest > policy.maxLineUnits) aboveThreshold.push(`a line moves ${largest} packs, more than ${policy.maxLineUnits}`);
  const approver = !canAdjustStock(role) ? 'manager' : aboveThreshold.length > 0 ? 'another_manager' : 'none';
  return { valuePaise: paise(value), units, largestLineUnits: largest, aboveThreshold, approver };
}
