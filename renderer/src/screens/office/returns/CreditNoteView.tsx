import { useEffect, useState } from 'react';
import type { CreditNote } from '../../../../../shared/src/api/returns-api.js';
import { GST_STATES } from '../../../../../shared/src/gstin.js';
import { rateLabel } from '../../../../../shared/src/gst.js';
import { formatINR, formatINRPlain } from '../../../../../shared/src/money.js';
import { printPage } from '../../../api/bridge.js';
import { refundLabel } from '../../../state/returns-draft.js';

type Paper = '80mm' | 'A4';

const stateName = (code: string): string => `${GST_STATES[code] ?? 'State'} (${code})`;

/** The GST credit note, on screen and in print (80 mm or A4), from stored rows only: a reprint is the first print. */
export function CreditNoteView(props: { note: CreditNote; fresh: boolean; onDone: () => void }) {
  const n = props.note;
  const t = n.totals;
  const [paper, setPaper] = useState<Paper>('80mm');

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.target instanceof HTMLInputElement) return;
      if (e.key === 'Enter' || e.key === 'Escape') {
        e.preventDefault();
        props.onDone();
      } else if (e.key.toLowerCase() === 'p' && !e.ctrlKey) void printPage(paper);
      else if (e.key === '8') setPaper('80mm');
      else if (e.key === '4') setPaper('A4');
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  });

  const at = new Date(n.at).toLocaleString('en-IN', { timeZone: 'Asia/Kolkata', dateStyle: 'medium', timeStyle: 'short' });
  return (
    <div className="invoice-screen returns-note-screen">
      <div className="invoice-controls no-print">
        <span className="done-msg">{props.fresh ? 'Return complete' : 'Reprint'} · {n.creditNoteNo}</span>
        <button type="button" className={paper === '80mm' ? 'on' : ''} onClick={() => setPaper('80mm')}>
          80 mm <kbd>8</kbd>
        </button>
        <button type="button" className={paper === 'A4' ? 'on' : ''} onClick={() => setPaper('A4')}>
          A4 <kbd>4</kbd>
        </button>
        <button type="button" data-testid="returns-print" onClick={() => void printPage(paper)}>
          Print <kbd>P</kbd>
        </button>
        <button type="button" className="primary" data-testid="returns-done" onClick={props.onDone} autoFocus>
          Done <kbd>Enter</kbd>
        </button>
      </div>
      <article className={`invoice returns-note paper-${paper === 'A4' ? 'a4' : '80'}`} aria-label="Credit note">
        <h1 className="inv-title">GST CREDIT NOTE</h1>
        <section className="inv-supplier">
          <strong>{n.branch.name}</strong>
          <div>{n.branch.address}</div>
          <div>GSTIN {n.branch.gstin ?? '—'} · {stateName(n.branch.stateCode)}</div>
        </section>
        <section className="inv-meta">
          <div>
            Credit note no <strong data-testid="credit-note-no">{n.creditNoteNo}</strong>
          </div>
          <div>Date {at}</div>
          <div>
            Against invoice <strong data-testid="credit-note-invoice">{n.invoiceNo}</strong> of {n.saleBusinessDate}
          </div>
          <div>
            Cashier {n.cashier.name} · {n.deviceName}
            {n.approvedBy !== null && ` · approved by ${n.approvedBy.name}`}
          </div>
          <div>
            Customer {n.customer === null ? 'Walk-in customer' : `${n.customer.name} (${n.customer.phone})`}
            {n.customer?.gstin != null && ` · GSTIN ${n.customer.gstin}`}
          </div>
          <div>Place of supply {stateName(n.placeOfSupplyStateCode)}</div>
          <div>Reason {n.reason}</div>
        </section>
        <table className="inv-lines">
          <thead>
            <tr>
              <th>#</th>
              <th>Item</th>
              <th className="a4">HSN</th>
              <th className="a4">Batch / Exp</th>
              <th className="num">Qty</th>
              <th className="num">MRP</th>
              <th className="num a4">Disc</th>
              <th className="num a4">Taxable</th>
              <th className="num">GST</th>
              <th className="num">Amount</th>
            </tr>
          </thead>
          <tbody>
            {n.lines.map((l) => (
              <tr key={l.lineNo}>
                <td>{l.lineNo}</td>
                <td>
                  {l.name}
                  <div className="small r80">
                    HSN {l.hsn} · Batch {l.batchNo} · exp {l.expiry.slice(0, 7)}
                  </div>
                </td>
                <td className="a4">{l.hsn}</td>
                <td className="small a4">
                  {l.batchNo}
                  <br />
                  {l.expiry.slice(0, 7)}
                </td>
                <td className="num">{l.qty}</td>
                <td className="num">{formatINRPlain(l.unitPricePaise)}</td>
                <td className="num a4">{formatINRPlain(l.discountPaise)}</td>
                <td className="num a4">{formatINRPlain(l.taxablePaise)}</td>
                <td className="num">{rateLabel(l.rateBp)}</td>
                <td className="num">{formatINRPlain(l.netPaise)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <section className="inv-totals">
          {t.discountPaise > 0 && <div className="trow"><span>Discount given back</span><span>{formatINR(t.discountPaise)}</span></div>}
          <div className="trow"><span>Taxable value</span><span data-testid="credit-note-taxable">{formatINR(t.taxablePaise)}</span></div>
          {n.interState ? (
            <div className="trow"><span>IGST</span><span data-testid="credit-note-igst">{formatINR(t.igstPaise)}</span></div>
          ) : (
            <>
              <div className="trow"><span>CGST</span><span data-testid="credit-note-cgst">{formatINR(t.cgstPaise)}</span></div>
              <div className="trow"><span>SGST</span><span data-testid="credit-note-sgst">{formatINR(t.sgstPaise)}</span></div>
            </>
          )}
          <div className="trow grand"><span>Refund</span><span data-testid="credit-note-total">{formatINR(t.totalPaise)}</span></div>
          <div className="words">{n.totalInWords}</div>
        </section>
        <section className="inv-payments">
          <div className="trow">
            <span data-testid="credit-note-refund">Refunded by {refundLabel(n.refundMethod).toLowerCase()}</span>
            <span>{formatINR(t.totalPaise)}</span>
          </div>
        </section>
        <footer className="inv-foot">Goods returned against the invoice above, at its price and tax rate. Computer-generated credit note.</footer>
      </article>
    </div>
  );
}
