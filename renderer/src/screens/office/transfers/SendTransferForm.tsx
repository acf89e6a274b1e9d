import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { BatchOption, ProductHit } from '../../../../../shared/src/api-contract.js';
import { call } from '../../../api/bridge.js';
import { useApp } from '../../../state/store.js';
import { addDraftLine, draftProblem, parsePacks, removeDraftLine, setDraftQty, type DraftLine } from '../../../state/transfers-draft.js';

const productLabel = (p: ProductHit): string => `${p.name} · ${p.brand}`;

/**
 * Sending stock to another branch: pick the branch, then per line search (or scan) a product,
 * pick its batch (first to expire first) and the packs; Enter adds the line. Sending takes the
 * stock off this branch at once, online or not.
 */
export function SendTransferForm(props: { onSent(message: string): void }) {
  const branches = useApp((s) => s.transferBranches);
  const send = useApp((s) => s.sendTransfer);
  const [toBranchId, setTo] = useState('');
  const [lines, setLines] = useState<DraftLine[]>([]);
  const [note, setNote] = useState('');
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<ProductHit[]>([]);
  const [picked, setPicked] = useState<{ product: ProductHit; batches: BatchOption[] } | null>(null);
  const [batchId, setBatchId] = useState('');
  const [qtyText, setQtyText] = useState('1');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);

  const search = async () => {
    const q = query.trim();
    if (q === '') return;
    setError(null);
    // A scanner types digits and Enter: look the barcode up first.
    if (/^\d{8,14}$/.test(q)) {
      const found = await call('catalog.byBarcode', { barcode: q });
      if (found.ok) return pick(found.value);
    }
    const r = await call('catalog.search', { query: q, limit: 8 });
    if (!r.ok) return setError(r.error.message);
    if (r.value.length === 0) return setError(`No product matches “${q}”.`);
    if (r.value.length === 1) return pick(r.value[0] as ProductHit);
    setHits(r.value);
  };
  const pick = async (product: ProductHit) => {
    setHits([]);
    const r = await call('catalog.batches', { productId: product.productId });
    if (!r.ok) return setError(r.error.message);
    const inStock = r.value.filter((b) => b.qty > 0);
    if (inStock.length === 0) return setError(`${productLabel(product)}: no stock of any batch at this branch.`);
    setPicked({ product, batches: inStock });
    setBatchId(inStock[0]?.batchId ?? '');
    setQtyText('1');
  };
  const addLine = () => {
    if (picked === null) return;
    const batch = picked.batches.find((b) => b.batchId === batchId);
    const qty = parsePacks(qtyText);
    if (batch === undefined) return setError('Pick a batch.');
    if (qty === null) return setError('Enter the packs to send: a whole number, at least 1.');
    setLines(addDraftLine(lines, { batchId, productName: productLabel(picked.product), batchNo: batch.batchNo, expiry: batch.expiry, available: batch.qty, qty }));
    setPicked(null);
    setQuery('');
    setError(null);
    searchRef.current?.focus();
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problem = draftProblem(toBranchId, lines);
    if (problem !== null) return setError(problem);
    setBusy(true);
    const r = await send({ toBranchId, note, lines: lines.map((l) => ({ batchId: l.batchId, qty: l.qty })) });
    setBusy(false);
    if (!r.ok) return setError(r.error.message);
    setLines([]);
    setNote('');
    setError(null);
    props.onSent(`Sent ${r.transfer.totalSentQty} packs to ${r.transfer.toBranch.code}: they left this branch’s stock and are in transit.`);
  };
  const escape = (e: KeyboardEvent) => {
    if (e.key !== 'Escape' || (picked === null && hits.length === 0)) return;
    e.preventDefault();
    setPicked(null);
    setHits([]);
    searchRef.current?.focus();
  };

  return (
    <form className="transfers-card" data-testid="transfer-send-form" onSubmit={(e) => void submit(e)} onKeyDown={escape}>
      <h3>Send stock to another branch</h3>
      <label className="transfers-field">
        To branch
        <select data-testid="transfer-to" autoFocus value={toBranchId} onChange={(e) => setTo(e.target.value)}>
          <option value="">— pick a branch —</option>
          {branches.map((b) => (
            <option key={b.id} value={b.id}>{b.code} · {b.name}</option>
          ))}
        </select>
      </label>
      <label className="transfers-field">
        <span>Product: search or scan, then <kbd>Enter</kbd></span>
        <input
          ref={searchRef}
          data-testid="transfer-search"
          value={query}
          placeholder="e.g. arnica 30"
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              void search();
            }
          }}
        />
      </label>
      {hits.length > 0 && (
        <ul className="transfers-hits" data-testid="transfer-hits">
          {hits.map((h) => (
            <li key={h.productId}>
              <button type="button" data-testid="transfer-hit" onClick={() => void pick(h)}>
                {productLabel(h)} <span className="transfers-muted">{h.stockQty} in stock</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {picked !== null && (
        <div className="transfers-row transfers-pick" data-testid="transfer-pick">
          <strong>{productLabel(picked.product)}</strong>
          <select data-testid="transfer-batch" aria-label="Batch" value={batchId} onChange={(e) => setBatchId(e.target.value)}>
            {picked.batches.map((b) => (
              <option key={b.batchId} value={b.batchId}>{b.batchNo} · exp {b.expiry} · {b.qty} in stock</option>
            ))}
          </select>
          <input
            className="transfers-qty"
            data-testid="transfer-qty"
            aria-label="Packs"
            inputMode="numeric"
            autoFocus
            value={qtyText}
            onFocus={(e) => e.target.select()}
            onChange={(e) => setQtyText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                addLine();
              }
            }}
          />
          <button type="button" data-testid="transfer-add" onClick={addLine}>Add line <kbd>Enter</kbd></button>
          <button type="button" onClick={() => setPicked(null)}>Cancel <kbd>Esc</kbd></button>
        </div>
      )}
      {lines.length > 0 && (
        <table className="transfers-lines" data-testid="transfer-draft">
          <thead>
            <tr>
              <th>Product</th>
              <th>Batch</th>
              <th>Expiry</th>
              <th className="num">In stock</th>
              <th className="num">Packs</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {lines.map((l) => (
              <tr key={l.batchId} className={l.qty > l.available ? 'transfers-diff' : ''}>
                <td>{l.productName}</td>
                <td>{l.batchNo}</td>
                <td>{l.expiry}</td>
                <td className="num">{l.available}</td>
                <td className="num">
                  <input
                    className="transfers-qty"
                    aria-label={`Packs of ${l.productName}`}
                    inputMode="numeric"
                    value={String(l.qty)}
                    onChange={(e) => setLines(setDraftQty(lines, l.batchId, parsePacks(e.target.value, 0) ?? 0))}
                  />
                </td>
                <td><button type="button" onClick={() => setLines(removeDraftLine(lines, l.batchId))}>Remove</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <label className="transfers-field">
        Note (optional)
        <input data-testid="transfer-note" maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} placeholder="e.g. weekend top-up" />
      </label>
      {error !== null && <div className="notice notice-error" role="alert" data-testid="transfer-error">{error}</div>}
      <div className="transfers-row">
        <button type="submit" className="primary" disabled={busy || lines.length === 0} data-testid="transfer-send">
          Send {lines.reduce((s, l) => s + l.qty, 0)} packs <kbd>Enter</kbd>
        </button>
        <span className="transfers-muted">Enter in the note sends; the stock leaves this branch at once.</span>
      </div>
    </form>
  );
}
