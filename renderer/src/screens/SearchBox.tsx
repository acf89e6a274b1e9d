import { useEffect, useRef, useState } from 'react';
import type { ProductHit } from '../../../shared/src/api-contract.js';
import { formatINR } from '../../../shared/src/money.js';
import { call } from '../api/bridge.js';
import { isBarcodeLike, looksLikeScan, type KeyStamp } from '../state/scanner.js';
import { useApp } from '../state/store.js';

const DEBOUNCE_MS = 60;

/** The always-focused search and scan box with instant results. */
export function SearchBox(props: { onEmptyKey: (key: string) => boolean }) {
  const addProduct = useApp((s) => s.addProduct);
  const notify = useApp((s) => s.notify);
  const focusTick = useApp((s) => s.focusTick);
  const dialog = useApp((s) => s.dialog);
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<ProductHit[]>([]);
  const [active, setActive] = useState(0);
  const [doneFor, setDoneFor] = useState('');
  const inputRef = useRef<HTMLInputElement>(null);
  const stamps = useRef<KeyStamp[]>([]);
  const searchSeq = useRef(0);
  const listRef = useRef<HTMLUListElement>(null);

  // Arrowing past the visible rows scrolls the highlighted one into view.
  useEffect(() => {
    listRef.current?.querySelector('.result-active')?.scrollIntoView({ block: 'nearest' });
  }, [active, hits]);

  useEffect(() => {
    if (dialog === 'none') inputRef.current?.focus();
  }, [focusTick, dialog]);

  useEffect(() => {
    const q = query.trim();
    const mine = (searchSeq.current += 1);
    if (q.length === 0) {
      setHits([]);
      return;
    }
    const timer = window.setTimeout(() => {
      void call('catalog.search', { query: q, limit: 12 }).then((r) => {
        if (mine !== searchSeq.current) return;
        setHits(r.ok ? r.value : []);
        setActive(0);
        setDoneFor(q);
      });
    }, DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [query]);

  function reset() {
    searchSeq.current += 1;
    setQuery('');
    setHits([]);
    setActive(0);
    stamps.current = [];
  }

  async function add(hit: ProductHit) {
    reset();
    await addProduct(hit.productId);
    if (hit.stockQty === 0) notify('error', `${hit.name} has no sellable stock.`);
  }

  async function enter() {
    const text = query.trim();
    if (looksLikeScan(text, stamps.current) || (isBarcodeLike(text) && hits.length === 0)) {
      reset();
      const found = await call('catalog.byBarcode', { barcode: text });
      if (found.ok) await addProduct(found.value.productId);
      else notify('error', found.error.message);
      return;
    }
    const hit = hits[active];
    if (hit !== undefined) await add(hit);
  }

  return (
    <div className="search">
      <input
        ref={inputRef}
        data-testid="search"
        className="search-input"
        placeholder="Search or scan — e.g. arnica 30, nux v 200, ars alb 6x, calc carb 1m, arnica q"
        autoComplete="off"
        spellCheck={false}
        value={query}
        onBlur={() => {
          // The counter's box keeps the focus unless a dialog or a cart field takes it.
          window.setTimeout(() => {
            const el = document.activeElement;
            if (useApp.getState().dialog === 'none' && (el === null || el === document.body)) inputRef.current?.focus();
          }, 0);
        }}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key.length === 1) stamps.current = [...stamps.current.slice(-20), { key: e.key, at: performance.now() }];
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setActive((a) => Math.min(a + 1, Math.max(0, hits.length - 1)));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((a) => Math.max(a - 1, 0));
          } else if (e.key === 'Enter') {
            e.preventDefault();
            void enter();
          } else if (e.key === 'Escape' && query !== '') {
            e.preventDefault();
            e.stopPropagation();
            reset();
          } else if (query === '' && props.onEmptyKey(e.key)) {
            e.preventDefault();
          }
        }}
      />
      {hits.length > 0 && (
        <ul ref={listRef} className="results" role="listbox">
          {hits.map((h, i) => (
            <li
              key={h.productId}
              role="option"
              aria-selected={i === active}
              data-testid="search-result"
              className={`result ${i === active ? 'result-active' : ''} ${h.stockQty === 0 ? 'result-out' : ''}`}
              onMouseDown={(e) => {
                e.preventDefault();
                void add(h);
              }}
            >
              <span className="r-name">{h.name}</span>
              <span className="r-potency">{h.potency || '—'}</span>
              <span className="r-form">
                {h.form} · {h.packSize}
              </span>
              <span className="r-brand">{h.brand}</span>
              <span className="r-mrp">{formatINR(h.mrpPaise)}</span>
              <span className="r-stock">{h.stockQty > 0 ? `${h.stockQty} in stock` : 'out of stock'}</span>
              <span className="r-expiry">{h.nearestExpiry === null ? '' : `exp ${h.nearestExpiry.slice(0, 7)}`}</span>
            </li>
          ))}
        </ul>
      )}
      {query.trim().length > 1 && doneFor === query.trim() && hits.length === 0 && <div className="results-empty">No match yet — try a shorter name, an abbreviation (nux v) or scan.</div>}
    </div>
  );
}
