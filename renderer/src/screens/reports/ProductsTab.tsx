import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatINR } from '../../../../shared/src/money.js';
import type { TopProductsReport } from '../../../../shared/src/reports/report-types.js';
import { topProductsCsv } from '../../state/report-csv.js';
import { countText, shareText } from '../../state/report-format.js';
import { AXIS_STYLE, COLORS, rupeeTick, rupeeTooltip, STATIC } from './chart-theme.js';
import { Money, ReportSection } from './ReportSection.js';

const CHART_ROWS = 10;
const short = (name: string): string => (name.length > 34 ? `${name.slice(0, 33)}…` : name);

export function ProductsTab(props: { report: TopProductsReport }) {
  const r = props.report;
  const chartRows = r.rows.slice(0, CHART_ROWS).map((p) => ({ ...p, label: short(p.name) }));
  return (
    <ReportSection
      id="products"
      title={`Top ${r.rows.length} products by net sales`}
      note={`${countText(r.productCount)} products sold ${countText(r.totalQty)} units for ${formatINR(r.totalNetPaise)} in this period (line values after discount, GST included).`}
      chartLabel="Horizontal bar chart of the best-selling products by net sales."
      csv={() => topProductsCsv(r)}
      tableWidth="wide"
      chart={
        r.rows.length === 0 ? undefined : (
          <ResponsiveContainer width="100%" height={Math.max(160, chartRows.length * 34 + 40)}>
            <BarChart data={chartRows} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 8 }}>
              <CartesianGrid stroke={COLORS.grid} horizontal={false} />
              <XAxis type="number" tickFormatter={rupeeTick} tick={AXIS_STYLE} />
              <YAxis type="category" dataKey="label" width={230} tick={AXIS_STYLE} interval={0} />
              <Tooltip formatter={rupeeTooltip} />
              <Bar dataKey="netPaise" name="Net sales" fill={COLORS.brand} {...STATIC} />
            </BarChart>
          </ResponsiveContainer>
        )
      }
    >
      {r.rows.length === 0 ? (
        <p className="hint">Nothing was sold in this period.</p>
      ) : (
        <table className="list report-list" data-testid="products-table">
          <thead>
            <tr>
              <th>#</th>
              <th>Product</th>
              <th className="money">Qty</th>
              <th className="money">Invoices</th>
              <th className="money">Net sales</th>
              <th className="money">Share</th>
            </tr>
          </thead>
          <tbody>
            {r.rows.map((p, i) => (
              <tr key={p.productId} data-testid="product-row">
                <td>{i + 1}</td>
                <td>
                  <span className="item-name">{p.name}</span>
                  {p.brand !== '' && <span className="item-meta"> · {p.brand}</span>}
                </td>
                <td className="money" data-testid="product-qty">{countText(p.qty)}</td>
                <td className="money">{p.invoices}</td>
                <Money value={p.netPaise} strong />
                <td className="money">{shareText(p.netPaise, r.totalNetPaise)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </ReportSection>
  );
}
