import { useEffect, useRef, useState } from 'react';
import type { CreditNote, CreditNoteSummary, ReturnSaleHit, ReturnableSale } from '../../../../../shared/src/api/returns-api.js';
import { formatINR } from '../../../../../shared/src/money.js';
import { call } from '../../../api/bridge.js';
import { downloadText } from '../../../api/download.js';
import { creditNotesCsv, refundLabel } from '../../../state/returns-draft.js';
import { CreditNoteView } from './CreditNoteView.js';
import { ReturnForm } from './ReturnForm.js';

const todayIso = (): string => new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Kolkata' });

/**
 * Back office → Returns (F5 from the counter): find the original invoice by number (typed or
 * scanned), customer phone or name, or date; return part of it; print the credit note. Below,
 * this counter's credit notes for a date range, reprintable, with CSV export.
 */
export function ReturnsTab() {
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<ReturnSaleHit[] | null>(null);
  const [picked, setPicked] = useState(0);
  const [sale, setSale] = useState<ReturnableSale | null>(null);
  const [note, setNote] = useState<{ note: CreditNote; fresh: boolean } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [range, setRange] = useState({ from: todayIso(), to: todayIso() });
  const [list, setList] = useState<CreditNoteSummary[]>([]);
  const searchRef = useRef<HTMLInputElement | null>(null);
  const lastQuery = useRef('');

  const loadList = async (r = range) => {
    const res = await call('return.list', r);
    if (res.ok) setList(res.value);
    else setError(res.error.message);
  };
  // The list of today's credit notes, once when the tab opens (Show reloads another range).
  useEffect(() => {
    void call('return.list', { from: todayIso(), to: todayIso() }).then((res) => (res.ok ? setList(res.value) : setError(res.error.message)));
  }, []);

  const open = async (saleId: string) => {
    const r = await call('return.sale', { saleId });
    if (r.ok) {
      setSale(r.value);
      setError(null);
    } else setError(r.error.message);
  };
  const search = async () => {
    const q = query.trim();
    if (q === '') return;
    const r = await call('return.find', { query: q });
    if (!r.ok) return setError(r.error.message);
    setPicked(0);
    setHits(r.value);
    setError(r.value.length === 0 ? `No invoice of this branch matches “${q}”. Try the number as printed (e.g. C1/2627/000123), a phone or a date (YYYY-MM-DD).` : null);
    if (r.value.length === 1 && r.value[0] !== undefined) await open(r.value[0].saleId);
  };
  const showNote = async (creditNoteId: string, fresh: boolean) => {
    const r = await call('return.creditNote', { creditNoteId });
    if (r.ok) setNote({ note: r.value, fresh });
    else setError(r.error.message);
  };
  const back = () => {
    setSale(null);
    setNote(null);
    setHits(null);
    setQuery('');
    void loadList();
    window.setTimeout(() => searchRef.current?.focus(), 0);
  };

  if (note !== null) return <CreditNoteView note={note.note} fresh={note.fresh} onDone={back} />;
  if (sale !== null) {
    return (
      <div className="returns-tab">
        <ReturnForm key={sale.saleId} sale={sale} onDone={(id) => void showNote(id, true)} onCancel={back} />
      </div>
    );
  }
  return (
    <div className="returns-tab">
      <section className="returns-find">
        <form
          className="returns-search"
          onSubmit={(e) => {
            e.preventDefault();
            const hit = hits?.[picked];
            if (hits !== null && hits.length > 1 && hit !== undefined && query.trim() === lastQuery.current) return void open(hit.saleId);
            lastQuery.current = query.trim();
            void search();
          }}
        >
          <input
            ref={searchRef}
            autoFocus
            data-testid="returns-search"
            placeholder="Invoice number (scan it), customer phone or name, or date YYYY-MM-DD…"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => {
              if (hits === null || hits.length === 0) return;
              if (e.key === 'ArrowDown') setPicked((i) => Math.min(hits.length - 1, i + 1));
              else if (e.key === 'ArrowUp') setPicked((i) => Math.max(0, i - 1));
              else return;
              e.preventDefault();
            }}
          />
          <button type="submit" className="primary">
            Find <kbd>Enter</kbd>
          </button>
        </form>
        {error !== null && (
          <p className="error" role="alert" data-testid="returns-find-error">
            {error}
          </p>
        )}
        {hits !== null && hits.length > 1 && (
          <table className="returns-hits">
            <thead>
              <tr>
                <th>Invoice</th>
                <th>Date</th>
                <th>Customer</th>
                <th className="num">Total</th>
                <th>Status</th>
              </tr>
            </thead>
            <tbody>
              {hits.map((h, i) => (
                <tr key={h.saleId} data-testid="returns-hit" className={i === picked ? 'on' : undefined} onClick={() => void open(h.saleId)}>
                  <td>{h.invoiceNo}</td>
                  <td>{h.businessDate}</td>
                  <td>{h.customerName ?? 'Walk-in'}{h.customerPhone !== null && ` · ${h.customerPhone}`}</td>
                  <td className="num">{formatINR(h.totalPaise)}</td>
                  <td>{h.status === 'voided' ? 'voided' : h.own ? 'this counter' : 'other counter'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p className="small returns-hint">↑↓ pick · Enter open · Esc back to selling</p>
      </section>
      <section className="returns-list">
        <div className="returns-list-head">
          <h3>Credit notes</h3>
          <label>
            From <input type="date" value={range.from} onChange={(e) => setRange({ ...range, from: e.target.value })} />
          </label>
          <label>
            To <input type="date" value={range.to} onChange={(e) => setRange({ ...range, to: e.target.value })} />
          </label>
          <button type="button" onClick={() => void loadList(range)}>
            Show
          </button>
          <button type="button" data-testid="returns-csv" disabled={list.length === 0} onClick={() => {
            const csv = creditNotesCsv(list, range.from, range.to);
            downloadText(csv.filename, csv.text);
          }}>
            Export CSV
          </button>
        </div>
        <table className="returns-notes" data-testid="returns-notes">
          <thead>
            <tr>
              <th>Credit note</th>
              <th>Invoice</th>
              <th>Customer</th>
              <th>Refund</th>
              <th className="num">GST</th>
              <th className="num">Total</th>
              <th>Reason</th>
            </tr>
          </thead>
          <tbody>
            {list.length === 0 && (
              <tr>
                <td colSpan={7} className="small">No credit notes in this range.</td>
              </tr>
            )}
            {list.map((c) => (
              <tr key={c.creditNoteId} data-testid="returns-note-row" className="returns-note-row" onClick={() => void showNote(c.creditNoteId, false)} title="Reprint">
                <td>{c.creditNoteNo}</td>
                <td>{c.invoiceNo}</td>
                <td>{c.customerName ?? 'Walk-in'}</td>
                <td>{refundLabel(c.refundMethod)}</td>
                <td className="num">{formatINR(c.taxPaise)}</td>
                <td className="num">{formatINR(c.totalPaise)}</td>
                <td>{c.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
