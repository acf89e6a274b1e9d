import { forwardRef, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { ProductHit } from '../../../../../shared/src/api-contract.js';
import { formatINR } from '../../../../../shared/src/money.js';
import { call } from '../../../api/bridge.js';
import { isBarcodeLike, looksLikeScan, type KeyStamp } from '../../../state/scanner.js';

/**
 * Search or scan a product, like the sell screen's box: a scanner's digits + Enter pick the
 * product with that barcode; typed text lists matches (arrows, Enter picks the highlighted one).
 */
export const ProductPicker = forwardRef<HTMLInputElement, { testId: string; placeholder: string; onPick: (hit: ProductHit) => void; onError: (message: string) => void; onKey?: (e: KeyboardEvent) => boolean }>(
  function ProductPicker(props, ref) {
    const [query, setQuery] = useState('');
    const [hits, setHits] = useState<ProductHit[]>([]);
    const [active, setActive] = useState(0);
    const stamps = useRef<KeyStamp[]>([]);
    const seq = useRef(0);

    useEffect(() => {
      const q = query.trim();
      const mine = (seq.current += 1);
      if (q.length === 0 || isBarcodeLike(q)) {
        setHits([]);
        return;
      }
      const timer = window.setTimeout(() => {
        void call('catalog.search', { query: q, limit: 8 }).then((r) => {
          if (mine !== seq.current) return;
          setHits(r.ok ? r.value : []);
          setActive(0);
        });
      }, 60);
      return () => window.clearTimeout(timer);
    }, [query]);

    function reset() {
      seq.current += 1;
      setQuery('');
      setHits([]);
      stamps.current = [];
    }

    async function enter() {
      const text = query.trim();
      if (looksLikeScan(text, stamps.current) || isBarcodeLike(text)) {
        reset();
        const found = await call('catalog.byBarcode', { barcode: text });
        if (found.ok) props.onPick(found.value);
        else props.onError(found.error.message);
        return;
      }
      const hit = hits[active];
      if (hit !== undefined) {
        reset();
        props.onPick(hit);
      }
    }

    return (
      <div className="search stock-office-picker">
        <input
          ref={ref}
          data-testid={props.testId}
          className="search-input"
          placeholder={props.placeholder}
          autoComplete="off"
          spellCheck={false}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key.length === 1) stamps.current = [...stamps.current.slice(-20), { key: e.key, at: performance.now() }];
            if (props.onKey?.(e) === true) return;
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              setActive((a) => Math.min(a + 1, Math.max(0, hits.length - 1)));
            } else if (e.key === 'ArrowUp') {
              e.preventDefault();
              setActive((a) => Math.max(a - 1, 0));
            } else if (e.key === 'Enter' && !e.ctrlKey) {
              e.preventDefault();
              void enter();
            } else if (e.key === 'Escape' && query !== '') {
              e.preventDefault();
              reset();
            }
          }}
        />
        {hits.length > 0 && (
          <ul className="results" role="listbox">
            {hits.map((h, i) => (
              <li
                key={h.productId}
                role="option"
                aria-selected={i === active}
                data-testid={`${props.testId}-result`}
                className={`result ${i === active ? 'result-active' : ''}`}
                onMouseDown={(e) => {
                  e.preventDefault();
                  reset();
                  props.onPick(h);
                }}
              >
                <span className="r-name">{h.name}</span>
                <span className="r-potency">{h.potency || '—'}</span>
                <span className="r-form">
                  {h.form} · {h.packSize}
                </span>
                <span className="r-brand">{h.brand}</span>
                <span className="r-mrp">{formatINR(h.mrpPaise)}</span>
                <span className="r-stock">{h.stockQty} in stock</span>
                <span className="r-expiry" />
              </li>
            ))}
          </ul>
        )}
      </div>
    );
  },
);
