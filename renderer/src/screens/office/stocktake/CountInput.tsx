import { useEffect, useState } from 'react';
import type { StocktakeLineView } from '../../../../../shared/src/api/stocktake-api.js';
import { parseCount } from '../../../../../shared/src/stocktake.js';
import { useApp } from '../../../state/store.js';

const shown = (qty: number | null): string => (qty === null ? '' : String(qty));

/**
 * A typed count: Enter saves and moves to the next batch, Esc puts back what was saved, leaving
 * the field saves. Blank = not counted (that batch keeps its stock).
 */
export function CountInput(props: { line: StocktakeLineView; index: number; onNext: () => void; onDone: () => void }) {
  const { line } = props;
  const count = useApp((s) => s.countStocktake);
  const [text, setText] = useState(shown(line.countedQty));
  const [bad, setBad] = useState(false);
  useEffect(() => setText(shown(line.countedQty)), [line.countedQty]);

  const save = async (): Promise<boolean> => {
    const parsed = parseCount(text);
    if (parsed.kind === 'invalid') {
      setBad(true);
      return false;
    }
    setBad(false);
    if (parsed.qty === line.countedQty) return true;
    return count(line.batchId, parsed.qty);
  };

  return (
    <input
      className={`stocktake-count${bad ? ' stocktake-count-bad' : ''}`}
      data-count-row={props.index}
      data-testid="stocktake-count"
      aria-label={`Counted ${line.name} batch ${line.batchNo}`}
      aria-invalid={bad}
      title={bad ? 'A count is a whole number of packs (0 or more); leave it blank for not counted.' : undefined}
      inputMode="numeric"
      value={text}
      placeholder="—"
      onChange={(e) => setText(e.target.value)}
      onFocus={(e) => e.currentTarget.select()}
      onBlur={() => void save()}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && !e.ctrlKey) {
          e.preventDefault();
          void save().then((ok) => ok && props.onNext());
        } else if (e.key === 'Escape') {
          e.preventDefault();
          setText(shown(line.countedQty));
          setBad(false);
          props.onDone();
        }
      }}
    />
  );
}
