import { Cell, Legend, Pie, PieChart, ResponsiveContainer, Tooltip } from 'recharts';
import type { PaymentMixReport } from '../../../../shared/src/reports/report-types.js';
import { paymentMixCsv } from '../../state/report-csv.js';
import { METHOD_LABELS, shareText } from '../../state/report-format.js';
import { rupeeTooltip, SERIES, STATIC } from './chart-theme.js';
import { Money, ReportSection } from './ReportSection.js';

export function PaymentsTab(props: { report: PaymentMixReport }) {
  const r = props.report;
  const data = r.rows.filter((m) => m.amountPaise > 0).map((m) => ({ name: METHOD_LABELS[m.method] ?? m.method, value: m.amountPaise, method: m.method }));
  return (
    <ReportSection
      id="payments"
      title="Payment mix"
      note={`${r.splitInvoices} invoice${r.splitInvoices === 1 ? ' was' : 's were'} split over more than one method. Cash is what was kept, not what was tendered.`}
      chartLabel="Pie chart of the amount paid by cash, card and UPI."
      csv={() => paymentMixCsv(r)}
      chart={
        data.length === 0 ? undefined : (
          <ResponsiveContainer width="100%" height={300}>
            <PieChart>
              <Pie data={data} dataKey="value" nameKey="name" innerRadius={60} outerRadius={110} paddingAngle={1} {...STATIC}>
                {data.map((d, i) => (
                  <Cell key={d.method} fill={SERIES[i % SERIES.length]} />
                ))}
              </Pie>
              <Tooltip formatter={rupeeTooltip} />
              <Legend itemSorter={null} />
            </PieChart>
          </ResponsiveContainer>
        )
      }
    >
      <table className="list report-list" data-testid="payments-table">
        <thead>
          <tr>
            <th>Method</th>
            <th className="money">Payments</th>
            <th className="money">Amount</th>
            <th className="money">Share</th>
          </tr>
        </thead>
        <tbody>
          {r.rows.map((m) => (
            <tr key={m.method} data-testid={`payment-${m.method}`}>
              <td>{METHOD_LABELS[m.method] ?? m.method}</td>
              <td className="money">{m.payments}</td>
              <Money value={m.amountPaise} testId={`payment-${m.method}-amount`} />
              <td className="money">{shareText(m.amountPaise, r.totalPaise)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th>Total</th>
            <td className="money">{r.rows.reduce((a, m) => a + m.payments, 0)}</td>
            <Money value={r.totalPaise} strong testId="payments-total" />
            <td className="money">{r.totalPaise === 0 ? '0%' : '100%'}</td>
          </tr>
        </tfoot>
      </table>
    </ReportSection>
  );
}
