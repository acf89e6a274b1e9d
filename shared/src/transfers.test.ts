import { describe, expect, it } from 'vitest';
import { canTransferStock, checkSendLines, describeLineProblem, receiveOutcome, statusOf, transferStatusLabel } from './transfers.js';

describe('checkSendLines', () => {
  it.each([
    ['no lines', [], { kind: 'no_lines' }],
    ['a zero quantity', [{ batchId: 'a', qty: 0, available: 5 }], { kind: 'bad_qty', line: 1 }],
    ['a fractional quantity', [{ batchId: 'a', qty: 1.5, available: 5 }], { kind: 'bad_qty', line: 1 }],
    ['one batch twice', [{ batchId: 'a', qty: 1, available: 5 }, { batchId: 'a', qty: 1, available: 5 }], { kind: 'duplicate_batch', line: 2 }],
    ['more than in stock', [{ batchId: 'a', qty: 1, available: 5 }, { batchId: 'b', qty: 4, available: 3 }], { kind: 'exceeds_stock', line: 2, available: 3 }],
    ['negative stock shown as none left', [{ batchId: 'a', qty: 1, available: -2 }], { kind: 'exceeds_stock', line: 1, available: 0 }],
  ])('refuses %s', (_what, lines, problem) => {
    expect(checkSendLines(lines)).toEqual(problem);
  });

  it('accepts whole packs of distinct batches within stock, down to the last pack', () => {
    expect(checkSendLines([{ batchId: 'a', qty: 5, available: 5 }, { batchId: 'b', qty: 1, available: 9 }])).toBeNull();
  });

  it('refuses more than 500 lines', () => {
    const lines = Array.from({ length: 501 }, (_x, i) => ({ batchId: `b${i}`, qty: 1, available: 1 }));
    expect(checkSendLines(lines)).toEqual({ kind: 'too_many_lines' });
  });

  it('describes every problem with its line number', () => {
    expect(describeLineProblem({ kind: 'exceeds_stock', line: 3, available: 2 })).toBe('Line 3: only 2 in stock of that batch.');
    expect(describeLineProblem({ kind: 'bad_qty', line: 2 })).toMatch(/^Line 2:/);
  });
});

describe('receiveOutcome', () => {
  const sent = [{ batchId: 'a', qty: 10 }, { batchId: 'b', qty: 4 }];

  it('takes a sent line the receiver did not name as received in full', () => {
    const r = receiveOutcome(sent, []);
    expect(r).toEqual({
      ok: true,
      status: 'received',
      lines: [{ batchId: 'a', sentQty: 10, receivedQty: 10, differenceQty: 0 }, { batchId: 'b', sentQty: 4, receivedQty: 4, differenceQty: 0 }],
    });
  });

  it('records a shortfall and an overage as sent minus received', () => {
    const r = receiveOutcome(sent, [{ batchId: 'a', receivedQty: 7 }, { batchId: 'b', receivedQty: 5 }]);
    expect(r.ok && r.lines.map((l) => l.differenceQty)).toEqual([3, -1]);
    expect(r.ok && r.status).toBe('received_with_difference');
  });

  it('accepts zero received (the whole line went missing)', () => {
    const r = receiveOutcome(sent, [{ batchId: 'b', receivedQty: 0 }]);
    expect(r.ok && r.lines[1]).toEqual({ batchId: 'b', sentQty: 4, receivedQty: 0, differenceQty: 4 });
  });

  it.each([
    ['a batch that was not sent', [{ batchId: 'z', receivedQty: 1 }], /not sent/],
    ['a batch twice', [{ batchId: 'a', receivedQty: 1 }, { batchId: 'a', receivedQty: 2 }], /twice/],
    ['a negative quantity', [{ batchId: 'a', receivedQty: -1 }], /whole numbers/],
    ['a fractional quantity', [{ batchId: 'a', receivedQty: 0.5 }], /whole numbers/],
  ])('refuses %s', (_what, received, message) => {
    const r = receiveOutcome(sent, received);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(message);
  });
});

describe('status and roles', () => {
  it('is received only when every line has no difference', () => {
    expect(statusOf([{ differenceQty: 0 }, { differenceQty: 0 }])).toBe('received');
    expect(statusOf([{ differenceQty: 0 }, { differenceQty: -2 }])).toBe('received_with_difference');
    expect(transferStatusLabel('in_transit')).toBe('In transit');
  });

  it.each([
    ['cashier', false],
    ['pharmacist', false],
    ['manager', true],
    ['admin', true],
  ] as const)('lets a %s transfer stock: %s', (role, allowed) => {
    expect(canTransferStock(role)).toBe(allowed);
  });
});
