import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatINR, paise } from '../../../../shared/src/money.js';
import type { SalesTrendReport } from '../../../../shared/src/reports/report-types.js';
import { ageLabel } from '../../ist-time.js';
import { salesTrendCsv, voidsCsv } from '../../state/report-csv.js';
import { longDate } from '../../state/report-format.js';
import { useApp } from '../../state/store.js';
import { AXIS_STYLE, COLORS, rupeeTick, rupeeTooltip, STATIC } from './chart-theme.js';
import { Kpi, Money, ReportSection } from './ReportSection.js';

const BY = { day: 'day', week: 'week (Mon–Sun)', month: 'month' } as const;

export function SalesTab(props: { report: SalesTrendReport }) {
  const r = props.report;
  const t = r.totals;
  const voidTotal = paise(r.voids.reduce((a, v) => a + v.totalPaise, 0));
  return (
    <>
      <div className="kpis">
        <Kpi label="Net sales" value={formatINR(t.totalPaise)} testId="kpi-net-sales" hint="invoice totals, GST included" />
        <Kpi label="Invoices" value={String(t.invoices)} testId="kpi-invoices" />
        <Kpi label="Average bill" value={t.invoices === 0 ? '—' : formatINR(paise(Math.round(t.totalPaise / t.invoices)))} testId="kpi-average" />
        <Kpi label="GST collected" value={formatINR(t.taxPaise)} testId="kpi-gst" hint={`on ${formatINR(t.taxablePaise)} taxable`} />
        <Kpi label="Discounts given" value={formatINR(t.discountPaise)} testId="kpi-discount" />
        <Kpi label="Voided" value={String(r.voids.length)} testId="kpi-voids" hint={r.voids.length === 0 ? 'none' : `${formatINR(voidTotal)}, not in sales`} />
      </div>
      <Sources report={r} />
      <ReportSection
        id="sales"
        title={`Sales by ${BY[r.granularity]}`}
        chartLabel={`Bar chart of net sales by ${r.granularity}; the table beside it has the figures.`}
        csv={() => salesTrendCsv(r)}
        chart={
          <ResponsiveContainer width="100%" height={320}>
            <BarChart data={r.buckets} margin={{ top: 8, right: 12, bottom: 8, left: 8 }}>
              <CartesianGrid stroke={COLORS.grid} vertical={false} />
              <XAxis dataKey="label" tick={AXIS_STYLE} interval="preserveStartEnd" minTickGap={12} />
              <YAxis tickFormatter={rupeeTick} tick={AXIS_STYLE} width={64} />
              <Tooltip formatter={rupeeTooltip} />
              <Bar dataKey="totalPaise" name="Net sales" fill={COLORS.brand} {...STATIC} />
            </BarChart>
          </ResponsiveContainer>
        }
      >
        <table className="list report-list" data-testid="sales-table">
          <thead>
            <tr>
              <th>Period</th>
              <th className="money">Invoices</th>
              <th className="money">Taxable</th>
              <th className="money">GST</th>
              <th className="money">Net sales</th>
            </tr>
          </thead>
          <tbody>
            {r.buckets.map((b) => (
              <tr key={b.key} className={b.invoices === 0 ? 'row-quiet' : undefined}>
                <td>{b.label}</td>
                <td className="money">{b.invoices}</td>
                <Money value={b.taxablePaise} />
                <Money value={b.taxPaise} />
                <Money value={b.totalPaise} strong />
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr data-testid="sales-total-row">
              <th>Total</th>
              <td className="money" data-testid="sales-total-invoices">{t.invoices}</td>
              <Money value={t.taxablePaise} />
              <Money value={t.taxPaise} />
              <Money value={t.totalPaise} strong testId="sales-total" />
            </tr>
          </tfoot>
        </table>
      </ReportSection>
      <ReportSection id="voids" title="Voided invoices" csv={() => voidsCsv(r)} note="A void keeps its invoice number (it counts in the GST documents issued) and is left out of every sales figure.">
        {r.voids.length === 0 ? (
          <p className="hint">No invoice was voided in this period.</p>
        ) : (
          <table className="list report-list">
            <thead>
              <tr>
                <th>Invoice</th>
                <th>Date</th>
                <th>Counter</th>
                <th className="money">Amount</th>
                <th>Reason</th>
              </tr>
            </thead>
            <tbody>
              {r.voids.map((v) => (
                <tr key={v.saleId} data-testid="void-row">
                  <td className="mono">{v.invoiceNo}</td>
                  <td className="nowrap">{longDate(v.businessDate)}</td>
                  <td>{v.counter}</td>
                  <Money value={v.totalPaise} />
                  <td>{v.reason ?? <span className="hint">not synced from that counter</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </ReportSection>
    </>
  );
}

/** Where the figures come from: this counter, and the other counters as of the last sync. */
function Sources(props: { report: SalesTrendReport }) {
  const sync = useApp((s) => s.sync);
  const readAt = useApp((s) => s.syncReadAt);
  const { thisCounter, otherCounters } = props.report.sources;
  const age = sync?.lastSyncAt == null ? null : ageLabel(sync.lastSyncAt, readAt);
  const synced = sync?.paired !== true ? 'this counter is not paired, so only its own sales are included' : age === null ? 'not synced yet' : age === 'just now' ? 'synced just now' : `last synced ${age} ago`;
  return (
    <p className="report-note" data-testid="report-sources">
      {thisCounter} invoice{thisCounter === 1 ? '' : 's'} from this counter and {otherCounters} from the branch’s other counters ({synced}). Computed on this device, so reports work offline.
    </p>
  );
}
