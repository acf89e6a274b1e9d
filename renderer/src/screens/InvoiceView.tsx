import { useEffect, useState } from 'react';
import type { SaleInvoice } from '../../../shared/src/api-contract.js';
import { GST_STATES } from '../../../shared/src/gstin.js';
import { rateLabel } from '../../../shared/src/gst.js';
import { formatINR, formatINRPlain } from '../../../shared/src/money.js';
import { printPage } from '../api/bridge.js';
import { useApp } from '../state/store.js';
import { SchemeNotes } from './office/schemes/SchemeNotes.js';

type Paper = '80mm' | 'A4';

const stateName = (code: string): string => `${GST_STATES[code] ?? 'State'} (${code})`;

/** The GST tax invoice, on screen and in print: 80 mm receipt or A4. Built only from stored data. */
export function InvoiceView(props: { invoice: SaleInvoice }) {
  const inv = props.invoice;
  const showInvoice = useApp((s) => s.showInvoice);
  const refocus = useApp((s) => s.refocus);
  const fresh = useApp((s) => s.invoiceOrigin === 'sale');
  const [paper, setPaper] = useState<Paper>('80mm');
  const t = inv.totals;
  const done = () => {
    showInvoice(null);
    refocus();
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Enter' || e.key === 'Escape') {
        e.preventDefault();
        done();
      } else if (e.key.toLowerCase() === 'p' && !e.ctrlKey) {
        void printPage(paper);
      } else if (e.key === '8') setPaper('80mm');
      else if (e.key === '4') setPaper('A4');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const at = new Date(inv.at).toLocaleString('en-IN', { timeZone: 'Asia/Kolkata', dateStyle: 'medium', timeStyle: 'short' });
  return (
    <div className="invoice-screen">
      <div className="invoice-controls no-print">
        <span className={inv.status === 'voided' ? 'done-msg voided' : 'done-msg'}>
          {inv.status === 'voided' ? 'Voided invoice' : fresh ? 'Sale complete' : 'Reprint'} · {inv.invoiceNo}
        </span>
        <button type="button" data-testid="paper-80mm" className={paper === '80mm' ? 'on' : ''} onClick={() => setPaper('80mm')}>
          80 mm <kbd>8</kbd>
        </button>
        <button type="button" data-testid="paper-a4" className={paper === 'A4' ? 'on' : ''} onClick={() => setPaper('A4')}>
          A4 <kbd>4</kbd>
        </button>
        <button type="button" onClick={() => void printPage(paper)}>
          Print <kbd>P</kbd>
        </button>
        <button type="button" className="primary" data-testid="new-sale" onClick={done} autoFocus>
          {fresh ? 'New sale' : 'Back to counter'} <kbd>Enter</kbd>
        </button>
      </div>
      <article className={`invoice paper-${paper === 'A4' ? 'a4' : '80'}`} aria-label="Tax invoice">
        {inv.status === 'voided' && <div className="void-stamp">VOID — {inv.voidReason}</div>}
        {/* A buyer with a GSTIN gets a B2B tax invoice (input tax credit): their GSTIN and state show under Bill to. */}
        <h1 className="inv-title" data-testid="invoice-title">{inv.customer?.gstin != null ? 'TAX INVOICE (B2B)' : 'GST TAX INVOICE'}</h1>
        <section className="inv-supplier">
          <strong>{inv.branch.name}</strong>
          <div>{inv.branch.address}</div>
          <div>Phone {inv.branch.phone}</div>
          <div>GSTIN {inv.branch.gstin ?? '—'} · {stateName(inv.branch.stateCode)}</div>
        </section>
        <section className="inv-meta">
          <div>
            Invoice no <strong data-testid="invoice-no">{inv.invoiceNo}</strong>
          </div>
          <div>Date {at}</div>
          <div>
            Cashier {inv.cashier.name} · {inv.deviceName}
          </div>
          <div>
            Bill to {inv.customer === null ? 'Walk-in customer' : `${inv.customer.name} (${inv.customer.phone})`}
            {inv.customer?.gstin != null && (
              <>
                {' · GSTIN '}
                <span data-testid="invoice-buyer-gstin">{inv.customer.gstin}</span>
                {inv.customer.stateCode !== null && ` · ${stateName(inv.customer.stateCode)}`}
              </>
            )}
          </div>
          <div>Place of supply {stateName(inv.placeOfSupplyStateCode)}</div>
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
            {inv.lines.map((l, i) => (
              <tr key={i}>
                <td>{i + 1}</td>
                <td>
                  {l.name}
                  <div className="small">
                    {l.brand}
                    <span className="r80"> · HSN {l.hsn}</span>
                  </div>
                  {/* On the narrow receipt the batch sits under the name so the name keeps its width. */}
                  <div className="small r80">
                    Batch {l.batchNo} · exp {l.expiry.slice(0, 7)}
                  </div>
                  <SchemeNotes schemes={l.schemes} className="small" />
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
        <table className="inv-hsn">
          <thead>
            <tr>
              <th>HSN</th>
              <th className="num">Rate</th>
              <th className="num">Taxable</th>
              {t.interState ? <th className="num">IGST</th> : (<><th className="num">CGST</th><th className="num">SGST</th></>)}
            </tr>
          </thead>
          <tbody>
            {inv.hsnSummary.map((h) => (
              <tr key={`${h.key}-${h.rateBp}`}>
                <td>{h.key}</td>
                <td className="num">{rateLabel(h.rateBp)}</td>
                <td className="num">{formatINRPlain(h.taxablePaise)}</td>
                {t.interState ? <td className="num">{formatINRPlain(h.igstPaise)}</td> : (<><td className="num">{formatINRPlain(h.cgstPaise)}</td><td className="num">{formatINRPlain(h.sgstPaise)}</td></>)}
              </tr>
            ))}
          </tbody>
        </table>
        <section className="inv-totals">
          {t.discountPaise > 0 && <div className="trow"><span>Discount</span><span>{formatINR(t.discountPaise)}</span></div>}
          <div className="trow"><span>Taxable value</span><span data-testid="invoice-taxable">{formatINR(t.taxablePaise)}</span></div>
          {t.interState ? (
            <div className="trow"><span>IGST</span><span data-testid="invoice-igst">{formatINR(t.igstPaise)}</span></div>
          ) : (
            <>
              <div className="trow"><span>CGST</span><span data-testid="invoice-cgst">{formatINR(t.cgstPaise)}</span></div>
              <div className="trow"><span>SGST</span><span data-testid="invoice-sgst">{formatINR(t.sgstPaise)}</span></div>
            </>
          )}
          <div className="trow"><span>Round-off</span><span data-testid="invoice-roundoff">{formatINR(t.roundOffPaise)}</span></div>
          <div className="trow grand"><span>Total</span><span data-testid="invoice-total">{formatINR(t.totalPaise)}</span></div>
          <div className="words">{inv.totalInWords}</div>
        </section>
        <section className="inv-payments">
          {inv.payments.map((p, i) => (
            <div key={i} className="trow">
              <span>
                Paid by {p.method === 'upi' ? 'UPI' : p.method === 'store_credit' ? 'store credit' : p.method}
                {p.tenderedPaise !== null && ` (tendered ${formatINR(p.tenderedPaise)})`}
              </span>
              <span>{formatINR(p.amountPaise)}</span>
            </div>
          ))}
          {inv.changePaise > 0 && (
            <div className="trow"><span>Change</span><span>{formatINR(inv.changePaise)}</span></div>
          )}
        </section>
        <footer className="inv-foot">Prices are MRP, inclusive of GST. Computer-generated invoice. Thank you — get well soon.</footer>
      </article>
    </div>
  );
}
