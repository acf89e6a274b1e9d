import { useEffect, useState } from 'react';
import type { BatchOption, QuotedLine } from '../../../shared/src/api-contract.js';
import { rateLabel } from '../../../shared/src/gst.js';
import { formatINR, paise, parseRupees } from '../../../shared/src/money.js';
import { call } from '../api/bridge.js';
import * as cart from '../state/cart.js';
import { useApp } from '../state/store.js';
import { SchemeNotes } from './office/schemes/SchemeNotes.js';

/** Batches on offer for a product: only sellable (non-expired, in stock) ones come from the core. */
function useBatches(productId: string): BatchOption[] {
  const [batches, setBatches] = useState<BatchOption[]>([]);
  useEffect(() => {
    void call('catalog.batches', { productId }).then((r) => r.ok && setBatches(r.value));
  }, [productId]);
  return batches;
}

function CartRow(props: { line: QuotedLine; index: number; override: string | null }) {
  const { line, override } = props;
  const edit = useApp((s) => s.edit);
  const batches = useBatches(line.productId);
  // The box holds the cashier's own discount; a scheme's part is shown under the item, never typed back in.
  const manualPaise = line.discountPaise - (line.schemeDiscountPaise ?? 0);
  const [discountText, setDiscountText] = useState(manualPaise > 0 ? String(manualPaise / 100) : '');
  const near = line.allocations.some((a) => a.nearExpiry);
  const tax = line.cgstPaise + line.sgstPaise + line.igstPaise;
  return (
    <tr data-testid="cart-line" className={line.problems.length > 0 ? 'row-problem' : ''}>
      <td className="num">{props.index + 1}</td>
      <td className="item">
        <div className="item-name">{line.name}</div>
        <div className="item-meta">
          {line.brand} · HSN {line.hsn}
        </div>
        <SchemeNotes schemes={line.schemes} />
        {line.problems.map((p) => (
          <div key={p.code} className="line-problem" role="alert">
            {p.message}
          </div>
        ))}
      </td>
      <td className="batch">
        <div className="alloc">
          {line.allocations.map((a) => (
            <span key={a.batchId} className={a.nearExpiry ? 'near' : ''}>
              {a.batchNo} · exp {a.expiry}
              {line.allocations.length > 1 ? ` ×${a.qty}` : ''}
            </span>
          ))}
          {near && <span className="badge">near expiry</span>}
        </div>
        <select
          data-testid="batch-select"
          value={override ?? ''}
          aria-label="Batch"
          onChange={(e) => void edit((l) => cart.setBatchOverride(l, line.lineId, e.target.value === '' ? null : e.target.value))}
        >
          <option value="">Auto (earliest expiry first)</option>
          {batches.map((b) => (
            <option key={b.batchId} value={b.batchId}>
              {b.batchNo} · exp {b.expiry} · {b.qty} left{b.nearExpiry ? ' · near expiry' : ''}
            </option>
          ))}
        </select>
      </td>
      <td className="qty">
        <button type="button" tabIndex={-1} onClick={() => void edit((l) => cart.changeQty(l, line.lineId, -1))} aria-label="One less">
          −
        </button>
        <input
          data-testid="line-qty"
          inputMode="numeric"
          value={line.qty}
          aria-label="Quantity"
          onChange={(e) => void edit((l) => cart.setQty(l, line.lineId, Number(e.target.value.replace(/\D/g, '') || '0')))}
          onKeyDown={(e) => e.key === 'Enter' && useApp.getState().refocus()}
        />
        <button type="button" tabIndex={-1} onClick={() => void edit((l) => cart.changeQty(l, line.lineId, 1))} aria-label="One more">
          +
        </button>
      </td>
      <td className="money">{formatINR(line.unitPricePaise)}</td>
      <td className="disc">
        <input
          data-testid="line-discount"
          inputMode="decimal"
          placeholder="0"
          value={discountText}
          aria-label="Line discount in rupees"
          onChange={(e) => setDiscountText(e.target.value)}
          onBlur={() => {
            const value = discountText.trim() === '' ? paise(0) : parseRupees(discountText);
            if (value !== null) void edit((l) => cart.setDiscount(l, line.lineId, value));
          }}
          onKeyDown={(e) => e.key === 'Enter' && (e.currentTarget.blur(), useApp.getState().refocus())}
        />
      </td>
      <td className="money">{formatINR(line.taxablePaise)}</td>
      <td className="money">
        {formatINR(paise(tax))}
        <div className="item-meta">{rateLabel(line.rateBp)}</div>
      </td>
      <td className="money strong">{formatINR(line.netPaise)}</td>
      <td>
        <button type="button" className="link danger" tabIndex={-1} onClick={() => void edit((l) => cart.removeLine(l, line.lineId))} aria-label="Remove line">
          ✕
        </button>
      </td>
    </tr>
  );
}

export function CartTable() {
  const quote = useApp((s) => s.quote);
  const lines = useApp((s) => s.lines);
  if (lines.length === 0) {
    return <div className="cart-empty">Cart is empty. Search by name and potency, or scan a barcode.</div>;
  }
  const quoted = quote?.lines ?? [];
  return (
    <table className="cart">
      <thead>
        <tr>
          <th>#</th>
          <th>Item</th>
          <th>Batch · expiry</th>
          <th>Qty</th>
          <th>MRP</th>
          <th>Disc ₹</th>
          <th>Taxable</th>
          <th>GST</th>
          <th>Amount</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {quoted.map((line, i) => (
          <CartRow key={line.lineId} line={line} index={i} override={lines.find((l) => l.lineId === line.lineId)?.batchOverrideId ?? null} />
        ))}
      </tbody>
    </table>
  );
}
