import type { StocktakeSheet } from '../../../../../shared/src/api/stocktake-api.js';
import { formatINR, paise } from '../../../../../shared/src/money.js';

/** The variance report's totals at a glance: what is short, what is over, and what it is worth. */
export function VarianceSummary(props: { sheet: StocktakeSheet }) {
  const t = props.sheet.report.totals;
  return (
    <div className="stocktake-summary" data-testid="stocktake-summary">
      <div className="stocktake-fig">
        <span className="stocktake-fig-label">Counted</span>
        <strong data-testid="stocktake-counted">
          {t.counted} of {t.lines}
        </strong>
      </div>
      <div className="stocktake-fig stocktake-fig-short">
        <span className="stocktake-fig-label">Shortages</span>
        <strong data-testid="stocktake-shortages">
          {t.shortages} · {t.shortageUnits} packs
        </strong>
        <span>{formatINR(paise(-t.shortageAtCostPaise))} at cost</span>
      </div>
      <div className="stocktake-fig stocktake-fig-excess">
        <span className="stocktake-fig-label">Excesses</span>
        <strong data-testid="stocktake-excesses">
          {t.excesses} · {t.excessUnits} packs
        </strong>
        <span>+{formatINR(paise(t.excessAtCostPaise))} at cost</span>
      </div>
      <div className="stocktake-fig">
        <span className="stocktake-fig-label">Net variance</span>
        <strong data-testid="stocktake-net">{formatINR(paise(t.valueAtCostPaise))} at cost</strong>
        <span>{formatINR(paise(t.valueAtMrpPaise))} at MRP</span>
      </div>
    </div>
  );
}
