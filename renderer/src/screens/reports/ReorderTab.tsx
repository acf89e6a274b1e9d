import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ReorderReport } from '../../../../shared/src/reports/report-types.js';
import { reorderCsv } from '../../state/report-csv.js';
import { daysText, longDate, qtyText } from '../../state/report-format.js';
import { useApp } from '../../state/store.js';
import { AXIS_STYLE, COLORS, STATIC } from './chart-theme.js';
import { MoreRows, ReportSection, TABLE_ROW_LIMIT } from './ReportSection.js';

const CHART_ROWS = 12;
const short = (name: string): string => (name.length > 34 ? `${name.slice(0, 33)}…` : name);

export function ReorderTab(props: { report: ReorderReport }) {
  const r = props.report;
  const shown = r.rows.slice(0, TABLE_ROW_LIMIT);
  const chart = [...r.rows]
    .sort((a, b) => b.suggestedQty - a.suggestedQty)
    .slice(0, CHART_ROWS)
    .map((p) => ({ label: short(p.name), onHand: p.onHand, forecast: Number(p.forecastQty.toFixed(1)) }));
  return (
    <>
      <ReorderSettingsForm />
      <ReportSection
        id="reorder"
        title={`Reorder list — ${r.rows.length} to order, of ${r.productsConsidered} products sold in the period`}
        tableWidth="wide"
        note={
          <>
            Forecast: <strong data-testid="reorder-method">{r.method}</strong>, α = {r.alpha}, on each product’s daily sales over the {daysText(r.historyDays)} of the period. A product is listed when its sellable stock today ({longDate(r.stockDate)}) is below the demand forecast for {r.leadDays} days of lead time plus{' '}
            {r.coverDays} days of cover; the order brings it up to that forecast.
          </>
        }
        chartLabel="Bar chart of stock on hand against forecast demand for the products to reorder."
        csv={() => reorderCsv(r)}
        chart={
          chart.length === 0 ? undefined : (
            <ResponsiveContainer width="100%" height={Math.max(160, chart.length * 32 + 60)}>
              <BarChart data={chart} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 8 }}>
                <CartesianGrid stroke={COLORS.grid} horizontal={false} />
                <XAxis type="number" tick={AXIS_STYLE} allowDecimals={false} />
                <YAxis type="category" dataKey="label" width={230} tick={AXIS_STYLE} interval={0} />
                <Tooltip />
                <Legend itemSorter={null} />
                <Bar dataKey="onHand" name="On hand" fill={COLORS.muted} {...STATIC} />
                <Bar dataKey="forecast" name={`Forecast ${r.leadDays}+${r.coverDays} days`} fill={COLORS.brand} {...STATIC} />
              </BarChart>
            </ResponsiveContainer>
          )
        }
      >
        {r.rows.length === 0 ? (
          <p className="hint">Every product sold in this period has stock for its forecast demand.</p>
        ) : (
          <table className="list report-list" data-testid="reorder-table">
            <thead>
              <tr>
                <th>Product</th>
                <th className="money">On hand</th>
                <th className="money">Sold (days)</th>
                <th>Last sold</th>
                <th className="money">Per day</th>
                <th className="money">Forecast</th>
                <th className="money">Cover (days)</th>
                <th className="money">Order</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((p) => (
                <tr key={p.productId} data-testid="reorder-row">
                  <td>
                    <span className="item-name">{p.name}</span>
                    <span className="item-meta"> · {p.brand}</span>
                  </td>
                  <td className="money">{p.onHand}</td>
                  <td className="money">
                    {p.soldQty} ({p.demandDays})
                  </td>
                  <td className="nowrap">{longDate(p.lastSold)}</td>
                  <td className="money">{p.ratePerDay.toFixed(2)}</td>
                  <td className="money">{qtyText(p.forecastQty)}</td>
                  <td className="money">{qtyText(p.daysOfCover)}</td>
                  <td className="money strong" data-testid="reorder-order">
                    {p.suggestedQty}
                  </td>
                </tr>
              ))}
              <MoreRows shown={shown.length} total={r.rows.length} colSpan={8} />
            </tbody>
          </table>
        )}
      </ReportSection>
    </>
  );
}

/** Cover and lead days, applied with Enter or the button (not on every keystroke). */
function ReorderSettingsForm() {
  const settings = useApp((s) => s.reorderSettings);
  const apply = useApp((s) => s.setReorderSettings);
  const [cover, setCover] = useState(String(settings.coverDays));
  const [lead, setLead] = useState(String(settings.leadDays));
  const coverDays = Number(cover);
  const leadDays = Number(lead);
  const valid = Number.isInteger(coverDays) && coverDays >= 1 && coverDays <= 365 && Number.isInteger(leadDays) && leadDays >= 0 && leadDays <= 180;
  return (
    <form
      className="reorder-settings"
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) apply({ coverDays, leadDays });
      }}
    >
      <label>
        Cover after delivery (days)
        <input type="number" min={1} max={365} value={cover} onChange={(e) => setCover(e.target.value)} data-testid="reorder-cover" />
      </label>
      <label>
        Lead time (days)
        <input type="number" min={0} max={180} value={lead} onChange={(e) => setLead(e.target.value)} data-testid="reorder-lead" />
      </label>
      <button type="submit" disabled={!valid}>
        Apply
      </button>
      {!valid && <span className="error">Cover 1–365 days, lead time 0–180 days.</span>}
    </form>
  );
}
