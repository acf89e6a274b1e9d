/** CSV export of the Sent and Incoming lists: one row per transfer line, with its status and difference. */
import type { TransferView } from '../../../shared/src/api/transfers-api.js';
import { rupeesField, toCsv, type CsvCell } from '../../../shared/src/reports/csv.js';
import { paise } from '../../../shared/src/money.js';
import { transferStatusLabel } from '../../../shared/src/transfers.js';
import type { CsvFile } from './report-csv.js';

const HEADER = [
  'Transfer', 'Sent at', 'From', 'To', 'Status', 'Sent by', 'Received at', 'Received by', 'Line', 'Product', 'Batch', 'Expiry',
  'Sent qty', 'Received qty', 'Difference', 'Cost (₹)', 'MRP (₹)', 'Note', 'Receive note',
];

export function transfersCsv(kind: 'sent' | 'incoming', transfers: readonly TransferView[], today: string): CsvFile {
  const rows: CsvCell[][] = transfers.flatMap((t) =>
    t.lines.map((l) => [
      t.transferId, t.sentAt, t.fromBranch.code, t.toBranch.code, transferStatusLabel(t.status), t.sentByName, t.receivedAt, t.receivedByName,
      l.lineNo, l.productName, l.batchNo, l.expiry, l.qty, l.receivedQty, l.differenceQty, rupeesField(paise(l.costPaise)), rupeesField(paise(l.mrpPaise)),
      t.note, t.receivedNote,
    ]),
  );
  return { filename: `similia-transfers-${kind}-${today}.csv`, text: toCsv(HEADER, rows) };
}
