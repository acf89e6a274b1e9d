import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatINR, paise } from '../../../../shared/src/money.js';
import type { ExpiringStockReport, StockValueReport } from '../../../../shared/src/reports/report-types.js';
import { expiringCsv, stockValueCsv } from '../../state/report-csv.js';
import { countText, longDate, WINDOW_LABELS } from '../../state/report-format.js';
import { AXIS_STYLE, COLORS, rupeeTick, rupeeTooltip, STATIC } from './chart-theme.js';
import { Kpi, Money, MoreRows, ReportSection, TABLE_ROW_LIMIT } from './ReportSection.js';

const capitalised = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** Stock value at cost and at MRP side by side, one pair of bars per label. */
function CostMrpBars(props: { data: { label: string; costPaise: number; mrpPaise: number }[]; height: number; colors: [string, string]; slantedLabels?: boolean }) {
  const slant = props.slantedLabels === true ? { angle: -20, textAnchor: 'end' as const, height: 56 } : {};
  return (
    <ResponsiveContainer width="100%" height={props.height}>
      <BarChart data={props.data} margin={{ top: 8, right: 12, bottom: 8, left: 8 }}>
        <CartesianGrid stroke={COLORS.grid} vertical={false} />
        <XAxis dataKey="label" tick={AXIS_STYLE} interval={0} {...slant} />
        <YAxis tickFormatter={rupeeTick} tick={AXIS_STYLE} width={64} />
        <Tooltip formatter={rupeeTooltip} />
        <Legend itemSorter={null} />
        <Bar dataKey="costPaise" name="At cost" fill={props.colors[0]} {...STATIC} />
        <Bar dataKey="mrpPaise" name="At MRP" fill={props.colors[1]} {...STATIC} />
      </BarChart>
    </ResponsiveContainer>
  );
}

export function StockValueTab(props: { report: StockValueReport }) {
  const r = props.report;
  const chart = r.rows.map((s) => ({ ...s, label: capitalised(s.form) }));
  return (
    <>
      <div className="kpis">
        <Kpi label="Stock at cost" value={formatINR(r.totals.costPaise)} testId="kpi-stock-cost" />
        <Kpi label="Stock at MRP" value={formatINR(r.totals.mrpPaise)} testId="kpi-stock-mrp" />
        <Kpi label="Units on hand" value={countText(r.totals.qty)} testId="kpi-stock-qty" hint={`${countText(r.totals.batches)} batches`} />
        <Kpi label={`Expired on ${longDate(r.asOf)}`} value={formatINR(r.expired.costPaise)} testId="kpi-stock-expired" hint={`at cost, ${countText(r.expired.qty)} units`} />
      </div>
      <ReportSection
        id="stock"
        title="Stock value by form"
        note={`Stock on hand now at each batch’s cost and MRP; expiry judged on ${longDate(r.asOf)}.${r.negativeBatches > 0 ? ` ${r.negativeBatches} batches are below zero (sold before their receipt arrived) and are not valued.` : ''}`}
        chartLabel="Bar chart of stock value at cost and at MRP for each product form."
        csv={() => stockValueCsv(r)}
        chart={
          <CostMrpBars data={chart} height={320} colors={[COLORS.brand, COLORS.accent]} slantedLabels />
        }
      >
        <table className="list report-list" data-testid="stock-table">
          <thead>
            <tr>
              <th>Form</th>
              <th className="money">Batches</th>
              <th className="money">Qty</th>
              <th className="money">At cost</th>
              <th className="money">At MRP</th>
            </tr>
          </thead>
          <tbody>
            {r.rows.map((s) => (
              <tr key={s.form}>
                <td>{capitalised(s.form)}</td>
                <td className="money">{countText(s.batches)}</td>
                <td className="money">{countText(s.qty)}</td>
                <Money value={s.costPaise} />
                <Money value={s.mrpPaise} />
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th>Total</th>
              <td className="money">{countText(r.totals.batches)}</td>
              <td className="money">{countText(r.totals.qty)}</td>
              <Money value={r.totals.costPaise} strong testId="stock-total-cost" />
              <Money value={r.totals.mrpPaise} strong testId="stock-total-mrp" />
            </tr>
          </tfoot>
        </table>
      </ReportSection>
    </>
  );
}

export function ExpiryTab(props: { report: ExpiringStockReport }) {
  const r = props.report;
  const chart = r.windows.map((w) => ({ ...w, label: WINDOW_LABELS[w.window] }));
  const shown = r.rows.slice(0, TABLE_ROW_LIMIT);
  return (
    <>
      <ReportSection
        id="expiry"
        title={`Value at risk from ${longDate(r.asOf)}`}
        note="Batches with stock that expire within 30, 60 or 90 days of the period’s end, and those already expired (never sold at the counter)."
        chartLabel="Bar chart of stock value at cost and MRP in each expiry window."
        csv={() => expiringCsv(r)}
        chart={
          <CostMrpBars data={chart} height={280} colors={[COLORS.danger, COLORS.warn]} />
        }
      >
        <table className="list report-list" data-testid="expiry-windows">
          <thead>
            <tr>
              <th>Expiry</th>
              <th className="money">Batches</th>
              <th className="money">Qty</th>
              <th className="money">At cost</th>
              <th className="money">At MRP</th>
            </tr>
          </thead>
          <tbody>
            {r.windows.map((w) => (
              <tr key={w.window} className={w.window === 'expired' ? 'row-problem' : undefined}>
                <td>{WINDOW_LABELS[w.window]}</td>
                <td className="money">{countText(w.batches)}</td>
                <td className="money">{countText(w.qty)}</td>
                <Money value={w.costPaise} />
                <Money value={w.mrpPaise} />
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th>Total at risk</th>
              <td className="money">{countText(r.windows.reduce((a, w) => a + w.batches, 0))}</td>
              <td className="money">{countText(r.windows.reduce((a, w) => a + w.qty, 0))}</td>
              <Money value={paise(r.windows.reduce((a, w) => a + w.costPaise, 0))} strong testId="expiry-total-cost" />
              <Money value={paise(r.windows.reduce((a, w) => a + w.mrpPaise, 0))} strong />
            </tr>
          </tfoot>
        </table>
      </ReportSection>
      <section className="report-section" aria-label="Batches at risk">
        <h2>Batches, soonest expiry first</h2>
        <div className="report-table report-table-tall">
          <table className="list report-list" data-testid="expiry-batches">
            <thead>
              <tr>
                <th>Product</th>
                <th>Batch</th>
                <th>Expiry</th>
                <th className="money">Days left</th>
                <th className="money">Qty</th>
                <th className="money">At cost</th>
                <th className="money">At MRP</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((b) => (
                <tr key={b.batchId} className={b.daysLeft < 0 ? 'row-problem' : undefined}>
                  <td>{b.name}</td>
                  <td className="mono">{b.batchNo}</td>
                  <td className="nowrap">{longDate(b.expiry)}</td>
                  <td className="money">{b.daysLeft < 0 ? `expired ${-b.daysLeft} d ago` : b.daysLeft}</td>
                  <td className="money">{b.qty}</td>
                  <Money value={b.costPaise} />
                  <Money value={b.mrpPaise} />
                </tr>
              ))}
              <MoreRows shown={shown.length} total={r.rows.length} colSpan={7} />
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
