import { describe, expect, it } from 'vitest';
import type { TransferView } from '../../../shared/src/api/transfers-api.js';
import { parseCsv } from '../../../shared/src/reports/csv.js';
import { addDraftLine, defaultReceived, draftProblem, parsePacks, receivedLines, removeDraftLine, setDraftQty, type DraftLine } from './transfers-draft.js';
import { transfersCsv } from './transfers-csv.js';

const line = (batchId: string, qty: number, available = 10): DraftLine => ({ batchId, productName: `Arnica ${batchId}`, batchNo: `B-${batchId}`, expiry: '2030-12-31', available, qty });

const transfer: TransferView = {
  transferId: 't1',
  direction: 'in',
  fromBranch: { id: 'pun', code: 'PUN', name: 'Pune' },
  toBranch: { id: 'blr', code: 'BLR', name: 'Bengaluru' },
  status: 'received_with_difference',
  pendingSync: false,
  note: 'Top-up, weekend',
  sentAt: '2026-11-24T04:30:00.000Z',
  sentByName: 'Priya',
  receivedAt: '2026-11-25T05:00:00.000Z',
  receivedByName: 'Meera',
  receivedNote: '=one broken',
  totalSentQty: 9,
  totalReceivedQty: 8,
  lines: [
    { lineNo: 1, productId: 'p1', productName: 'Arnica 30C', batchId: 'a', batchNo: 'A1', expiry: '2030-01-31', costPaise: 5000 as never, mrpPaise: 9950 as never, qty: 6, receivedQty: 5, differenceQty: 1 },
    { lineNo: 2, productId: 'p2', productName: 'Belladonna 6C', batchId: 'b', batchNo: 'B1', expiry: '2031-01-31', costPaise: 100 as never, mrpPaise: 200 as never, qty: 3, receivedQty: 3, differenceQty: 0 },
  ],
};

describe('the send draft', () => {
  it('adds a batch once: the same batch again raises the quantity of its line', () => {
    const lines = addDraftLine(addDraftLine([line('a', 2)], line('b', 1)), line('a', 3));
    expect(lines.map((l) => [l.batchId, l.qty])).toEqual([['a', 5], ['b', 1]]);
  });

  it('changes and removes a line by batch, leaving the others', () => {
    const lines = [line('a', 2), line('b', 1)];
    expect(setDraftQty(lines, 'b', 7).map((l) => l.qty)).toEqual([2, 7]);
    expect(removeDraftLine(lines, 'a').map((l) => l.batchId)).toEqual(['b']);
  });

  it.each([
    ['', [line('a', 1)], /Pick the branch/],
    ['pun', [], /at least one line/],
    ['pun', [line('a', 11, 10)], /only 10 in stock/],
    ['pun', [line('a', 0, 10)], /at least 1 pack/],
  ])('names the first problem (to %j)', (to, lines, message) => {
    expect(draftProblem(to, lines)).toMatch(message);
  });

  it('is ready with a destination and lines within stock', () => {
    expect(draftProblem('pun', [line('a', 10, 10)])).toBeNull();
  });

  it.each([
    ['3', 1, 3],
    [' 12 ', 1, 12],
    ['0', 1, null],
    ['0', 0, 0],
    ['1.5', 1, null],
    ['-2', 0, null],
    ['', 0, null],
    ['abc', 1, null],
  ])('reads %j (min %d) as %j packs', (text, min, packs) => {
    expect(parsePacks(text, min)).toBe(packs);
  });
});

describe('the receive form', () => {
  it('defaults every line to what was sent and reports no difference', () => {
    const typed = defaultReceived(transfer);
    expect(typed).toEqual({ a: '6', b: '3' });
    expect(receivedLines(transfer, typed)).toEqual({ ok: true, differenceQty: 0, lines: [{ batchId: 'a', receivedQty: 6 }, { batchId: 'b', receivedQty: 3 }] });
  });

  it('sums the difference of typed quantities and refuses text that is not packs', () => {
    expect(receivedLines(transfer, { a: '4', b: '4' })).toMatchObject({ ok: true, differenceQty: 1 });
    expect(receivedLines(transfer, { a: 'x', b: '3' })).toEqual({ ok: false, message: 'Line 1 (Arnica 30C): enter the packs received, 0 or more.' });
  });
});

describe('the transfers CSV', () => {
  it('has one row per line with status, quantities, difference and exact rupees; formula-like notes are defused', () => {
    const csv = transfersCsv('incoming', [transfer], '2026-11-25');
    expect(csv.filename).toBe('similia-transfers-incoming-2026-11-25.csv');
    const rows = parseCsv(csv.text);
    expect(rows).toHaveLength(3);
    expect(rows[1]).toEqual([
      't1', '2026-11-24T04:30:00.000Z', 'PUN', 'BLR', 'Received with difference', 'Priya', '2026-11-25T05:00:00.000Z', 'Meera',
      '1', 'Arnica 30C', 'A1', '2030-01-31', '6', '5', '1', '50.00', '99.50', 'Top-up, weekend', "'=one broken",
    ]);
    expect(rows[2]?.slice(12, 15)).toEqual(['3', '3', '0']);
  });
});
