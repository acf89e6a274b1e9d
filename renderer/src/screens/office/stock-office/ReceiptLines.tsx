import type { ReceiptProblems } from '../../../../../shared/src/stock-office/receipt-rules.js';
import { formatINR, paise } from '../../../../../shared/src/money.js';
import { LINE_FIELDS, RULE_FIELD, toDraft, type LineFormField, type ReceiptLineForm } from '../../../state/stock-office/receipt-draft.js';

const HEADS: Record<LineFormField, string> = { batchNo: 'Batch', expiry: 'Expiry', qty: 'Qty', freeQty: 'Free', cost: 'Cost ₹', mrp: 'MRP ₹' };
const HINTS: Partial<Record<LineFormField, string>> = { expiry: 'MM/YY or YYYY-MM-DD' };

/** The receipt's lines: one row per lot, each field with its own error under it. */
export function ReceiptLines(props: {
  lines: readonly ReceiptLineForm[];
  problems: ReceiptProblems;
  shown: (key: string, field: LineFormField) => boolean;
  inputRef: (key: string, field: LineFormField) => (el: HTMLInputElement | null) => void;
  onEdit: (key: string, field: LineFormField, value: string) => void;
  onEnter: (key: string, field: LineFormField) => void;
  onBlur: (key: string, field: LineFormField) => void;
  onRemove: (key: string) => void;
}) {
  if (props.lines.length === 0) return <p className="cart-empty">Scan a barcode or search above to add the first line.</p>;
  return (
    <table className="cart stock-office-lines">
      <thead>
        <tr>
          <th>#</th>
          <th>Product</th>
          {LINE_FIELDS.map((f) => (
            <th key={f}>{HEADS[f]}</th>
          ))}
          <th className="money">Line cost</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {props.lines.map((l, i) => {
          const problems = props.problems.lines[i] ?? {};
          const d = toDraft(l);
          const lineCost = d.qty !== null && d.costPaise !== null ? formatINR(paise(d.qty * d.costPaise)) : '—';
          return (
            <tr key={l.key} data-testid="gr-line">
              <td>{i + 1}</td>
              <td>
                <div className="item-name">{l.name}</div>
                <div className="item-meta">{l.meta}</div>
              </td>
              {LINE_FIELDS.map((f) => {
                const error = props.shown(l.key, f) ? problems[RULE_FIELD[f]] : undefined;
                return (
                  <td key={f} className={`stock-office-cell stock-office-cell-${f}`}>
                    <input
                      ref={props.inputRef(l.key, f)}
                      data-testid={`gr-line-${f}`}
                      value={l[f]}
                      placeholder={HINTS[f]}
                      aria-invalid={error !== undefined}
                      aria-label={`Line ${i + 1} ${HEADS[f]}`}
                      inputMode={f === 'batchNo' || f === 'expiry' ? 'text' : 'decimal'}
                      onChange={(e) => props.onEdit(l.key, f, e.target.value)}
                      onBlur={() => props.onBlur(l.key, f)}
                      onKeyDown={(e) => {
                        if (e.key === 'Enter' && !e.ctrlKey) {
                          e.preventDefault();
                          props.onEnter(l.key, f);
                        }
                      }}
                    />
                    {f === 'expiry' && d.expiry !== l.expiry.trim() && d.expiry.length === 10 && <div className="hint">{d.expiry}</div>}
                    {error !== undefined && (
                      <div className="line-problem" data-testid="gr-field-error">
                        {error}
                      </div>
                    )}
                  </td>
                );
              })}
              <td className="money">{lineCost}</td>
              <td>
                <button type="button" className="link danger" aria-label={`Remove line ${i + 1}`} onClick={() => props.onRemove(l.key)}>
                  ✕
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
