import { useEffect, useMemo, useRef, useState } from 'react';
import type { ProductHit } from '../../../../../shared/src/api-contract.js';
import { formatINR, type Paise } from '../../../../../shared/src/money.js';
import { checkReceipt, receiptTotals, type ReceiptHeaderDraft, type ReceiptHeaderField } from '../../../../../shared/src/stock-office/receipt-rules.js';
import { call } from '../../../api/bridge.js';
import { useApp } from '../../../state/store.js';
import { addProductLine, editLine, nextField, removeLine, toDraft, type LineFormField, type ReceiptLineForm } from '../../../state/stock-office/receipt-draft.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { ProductPicker } from './ProductPicker.js';
import { ReceiptLines } from './ReceiptLines.js';
import { RecentReceipts } from './RecentReceipts.js';
import { StockAlertStrip } from './StockAlertStrip.js';

const HEADER_FIELDS: readonly ReceiptHeaderField[] = ['supplier', 'supplierInvoiceNo', 'supplierInvoiceDate'];
let keySeq = 0;

/** Goods receipt: supplier and invoice, lines by scan or search, per-field checks, post with Ctrl+Enter / F10. */
export function GoodsReceiptTab() {
  const today = useApp((s) => s.info?.businessDate ?? '');
  const receipts = useApp((s) => s.stockReceipts);
  const suppliers = useMemo(() => [...new Set(receipts.map((r) => r.supplier))], [receipts]);
  const loadReceipts = useApp((s) => s.loadStockReceipts);
  const loadAlerts = useApp((s) => s.loadStockAlerts);
  const [header, setHeader] = useState<ReceiptHeaderDraft>({ supplier: '', supplierInvoiceNo: '', supplierInvoiceDate: today });
  const [lines, setLines] = useState<ReceiptLineForm[]>([]);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [showAll, setShowAll] = useState(false);
  const [message, setMessage] = useState<{ kind: 'error' | 'info'; text: string } | null>(null);
  const [posted, setPosted] = useState<{ receiptId: string; lines: number; units: number; costPaise: Paise } | null>(null);
  const [confirmCancel, setConfirmCancel] = useState(false);
  const [busy, setBusy] = useState(false);
  const [focusNext, setFocusNext] = useState<string | null>(null);
  const inputs = useRef(new Map<string, HTMLInputElement>());
  const picker = useRef<HTMLInputElement>(null);

  const drafts = useMemo(() => lines.map(toDraft), [lines]);
  const problems = useMemo(() => checkReceipt(header, drafts, today), [header, drafts, today]);
  const totals = useMemo(() => receiptTotals(drafts), [drafts]);

  useEffect(() => {
    void loadReceipts();
    inputs.current.get('h:supplier')?.focus();
  }, [loadReceipts]);

  useEffect(() => {
    if (focusNext === null) return;
    const el = focusNext === 'picker' ? picker.current : inputs.current.get(focusNext);
    el?.focus();
    el?.select?.();
    setFocusNext(null);
  }, [focusNext, lines]);

  const ref = (name: string) => (el: HTMLInputElement | null) => {
    if (el === null) inputs.current.delete(name);
    else inputs.current.set(name, el);
  };
  const touch = (name: string) => setTouched((t) => (t.has(name) ? t : new Set([...t, name])));
  const shownLine = (key: string, field: LineFormField) => showAll || touched.has(`${key}:${field}`);

  async function pick(hit: ProductHit) {
    setMessage(null);
    setPosted(null);
    const defaults = await call('stock.receiptDefaults', { productId: hit.productId });
    const last = defaults.ok ? defaults.value.lastCostPaise : null;
    const next = addProductLine(lines, { productId: hit.productId, name: hit.name, meta: `${hit.brand} · ${hit.packSize}`, mrpPaise: hit.mrpPaise, lastCostPaise: last }, `gr-${(keySeq += 1)}`);
    setLines(next.lines);
    setFocusNext(`${next.focus}:batchNo`);
    if (!next.added) setMessage({ kind: 'info', text: `${hit.name} is already on the receipt: enter its batch on that line.` });
  }

  function reset() {
    setHeader({ supplier: '', supplierInvoiceNo: '', supplierInvoiceDate: today });
    setLines([]);
    setTouched(new Set());
    setShowAll(false);
    setConfirmCancel(false);
  }

  async function post() {
    if (busy) return;
    if (problems.count > 0) {
      setShowAll(true);
      setMessage({ kind: 'error', text: `Fix ${problems.count} ${problems.count === 1 ? 'problem' : 'problems'} before posting${problems.form === null ? '' : `: ${problems.form}`}.` });
      const firstHeader = HEADER_FIELDS.find((f) => problems.header[f] !== undefined);
      const lineIndex = problems.lines.findIndex((p) => Object.keys(p).length > 0);
      const line = lines[lineIndex];
      const field = (['batchNo', 'expiry', 'qty', 'freeQty', 'cost', 'mrp'] as const).find((f) => problems.lines[lineIndex]?.[f === 'cost' ? 'costPaise' : f === 'mrp' ? 'mrpPaise' : f] !== undefined);
      setFocusNext(firstHeader !== undefined ? `h:${firstHeader}` : line !== undefined && field !== undefined ? `${line.key}:${field}` : 'picker');
      return;
    }
    setBusy(true);
    const result = await call('stock.receive', {
      supplier: header.supplier.trim(),
      supplierInvoiceNo: header.supplierInvoiceNo.trim(),
      supplierInvoiceDate: header.supplierInvoiceDate,
      lines: drafts.map((d) => ({ productId: d.productId, batchNo: d.batchNo.trim(), expiry: d.expiry, qty: d.qty ?? 0, freeQty: d.freeQty ?? 0, costPaise: d.costPaise ?? 0, mrpPaise: d.mrpPaise ?? 0 })),
    });
    setBusy(false);
    if (!result.ok) {
      setMessage({ kind: 'error', text: result.error.message });
      return;
    }
    setPosted({ receiptId: result.value.receiptId, lines: totals.lines, units: totals.units, costPaise: totals.costPaise });
    setMessage(null);
    reset();
    void loadReceipts();
    void loadAlerts();
    setFocusNext('h:supplier');
  }

  function onEnterLine(key: string, field: LineFormField) {
    touch(`${key}:${field}`);
    const next = nextField(field);
    setFocusNext(next === null ? 'picker' : `${key}:${next}`);
  }

  return (
    <div
      className="stock-office"
      data-testid="goods-receipt"
      onKeyDown={(e) => {
        if ((e.key === 'Enter' && e.ctrlKey) || e.key === 'F10') {
          e.preventDefault();
          void post();
        } else if (e.key === 'Escape' && !e.isDefaultPrevented() && lines.length > 0) {
          e.preventDefault();
          setConfirmCancel(true);
        }
      }}
    >
      <StockAlertStrip />
      <h2 className="stock-office-title">Goods receipt</h2>
      <div className="stock-office-header">
        {HEADER_FIELDS.map((f, i) => {
          const error = showAll || touched.has(`h:${f}`) ? problems.header[f] : undefined;
          return (
            <label key={f}>
              {f === 'supplier' ? 'Supplier' : f === 'supplierInvoiceNo' ? 'Supplier invoice no.' : 'Invoice date'}
              <input
                ref={ref(`h:${f}`)}
                data-testid={`gr-${f}`}
                type={f === 'supplierInvoiceDate' ? 'date' : 'text'}
                list={f === 'supplier' ? 'gr-suppliers' : undefined}
                max={f === 'supplierInvoiceDate' ? today : undefined}
                value={header[f]}
                aria-invalid={error !== undefined}
                onChange={(e) => setHeader({ ...header, [f]: e.target.value })}
                onBlur={() => touch(`h:${f}`)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' && !e.ctrlKey) {
                    e.preventDefault();
                    touch(`h:${f}`);
                    const next = HEADER_FIELDS[i + 1];
                    setFocusNext(next === undefined ? 'picker' : `h:${next}`);
                  }
                }}
              />
              {error !== undefined && (
                <span className="line-problem" data-testid="gr-field-error">
                  {error}
                </span>
              )}
            </label>
          );
        })}
        <datalist id="gr-suppliers">
          {suppliers.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      </div>
      <ProductPicker ref={picker} testId="gr-product" placeholder="Scan a barcode or search — e.g. arnica 30, nux v 200" onPick={(hit) => void pick(hit)} onError={(text) => setMessage({ kind: 'error', text })} />
      {message !== null && (
        <div className={`notice notice-${message.kind}`} role="status" data-testid="gr-message">
          {message.text}
        </div>
      )}
      {posted !== null && (
        <div className="notice notice-info" role="status" data-testid="gr-posted">
          <span>
            Receipt posted: {posted.lines} {posted.lines === 1 ? 'line' : 'lines'}, {posted.units} units, {formatINR(posted.costPaise)} at cost. Receipt id <span className="mono" data-testid="gr-receipt-id">{posted.receiptId}</span>. Saved on this counter; it syncs to the office in the background.
          </span>
        </div>
      )}
      <ReceiptLines
        lines={lines}
        problems={problems}
        shown={shownLine}
        inputRef={(key, field) => ref(`${key}:${field}`)}
        onEdit={(key, field, value) => setLines((ls) => editLine(ls, key, field, value))}
        onEnter={onEnterLine}
        onBlur={(key, field) => touch(`${key}:${field}`)}
        onRemove={(key) => setLines((ls) => removeLine(ls, key))}
      />
      <div className="stock-office-totals" data-testid="gr-totals">
        <span>
          Lines <strong>{totals.lines}</strong>
        </span>
        <span>
          Units <strong data-testid="gr-total-units">{totals.units}</strong>
          {totals.freeUnits > 0 && <span className="hint"> ({totals.freeUnits} free)</span>}
        </span>
        <span>
          Cost value <strong data-testid="gr-total-cost">{formatINR(totals.costPaise)}</strong>
        </span>
        <span>
          At MRP <strong>{formatINR(totals.mrpPaise)}</strong>
        </span>
        <span className="stock-office-actions">
          <button type="button" className="primary" data-testid="gr-post" disabled={busy} onClick={() => void post()}>
            Post receipt <kbd>Ctrl+Enter</kbd> <kbd>F10</kbd>
          </button>
          <button type="button" disabled={lines.length === 0} onClick={() => setConfirmCancel(true)}>
            Cancel <kbd>Esc</kbd>
          </button>
        </span>
      </div>
      <p className="hint">Enter moves to the next field; after MRP it goes back to the product box. Expiry takes MM/YY (the month’s last day).</p>
      <RecentReceipts />
      {confirmCancel && (
        <ConfirmDialog
          testId="gr-cancel"
          title="Discard this receipt?"
          text={`${lines.length} ${lines.length === 1 ? 'line' : 'lines'} will be thrown away. Nothing has been posted.`}
          confirmLabel="Discard"
          onConfirm={() => {
            reset();
            setFocusNext('h:supplier');
          }}
          onCancel={() => {
            setConfirmCancel(false);
            setFocusNext('picker');
          }}
        />
      )}
    </div>
  );
}
