import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { GST_STATES } from '../../../../shared/src/gstin.js';
import { paise } from '../../../../shared/src/money.js';
import type { GstFigures, GstSummaryReport } from '../../../../shared/src/reports/report-types.js';
import { b2bInvoicesCsv, documentsCsv, gstHsnCsv, gstRateCsv, gstSupplyCsv } from '../../state/report-csv.js';
import { longDate, rateText } from '../../state/report-format.js';
import { AXIS_STYLE, COLORS, rupeeTick, rupeeTooltip, STATIC } from './chart-theme.js';
import { Money, ReportSection } from './ReportSection.js';

function GstHead(props: { first: string[] }) {
  return (
    <thead>
      <tr>
        {props.first.map((h) => (
          <th key={h}>{h}</th>
        ))}
        <th className="money">Qty</th>
        <th className="money">Taxable</th>
        <th className="money">CGST</th>
        <th className="money">SGST</th>
        <th className="money">IGST</th>
        <th className="money">Value</th>
      </tr>
    </thead>
  );
}

function GstCells(props: { f: GstFigures; testId?: string }) {
  return (
    <>
      <td className="money">{props.f.qty}</td>
      <Money value={props.f.taxablePaise} testId={props.testId === undefined ? undefined : `${props.testId}-taxable`} />
      <Money value={props.f.cgstPaise} testId={props.testId === undefined ? undefined : `${props.testId}-cgst`} />
      <Money value={props.f.sgstPaise} testId={props.testId === undefined ? undefined : `${props.testId}-sgst`} />
      <Money value={props.f.igstPaise} testId={props.testId === undefined ? undefined : `${props.testId}-igst`} />
      <Money value={props.f.valuePaise} strong />
    </>
  );
}

export function GstTab(props: { report: GstSummaryReport }) {
  const r = props.report;
  const chart = r.rateWise.map((g) => ({ ...g, label: rateText(g.rateBp) }));
  return (
    <>
      <ReportSection
        id="gst-rates"
        title="GST by rate"
        note="From the tax stored on each invoice line (never re-priced); voided invoices excluded."
        chartLabel="Stacked bar chart of CGST, SGST and IGST for each GST rate."
        csv={() => gstRateCsv(r)}
        chart={
          chart.length === 0 ? undefined : (
            <ResponsiveContainer width="100%" height={280}>
              <BarChart data={chart} margin={{ top: 8, right: 12, bottom: 8, left: 8 }}>
                <CartesianGrid stroke={COLORS.grid} vertical={false} />
                <XAxis dataKey="label" tick={AXIS_STYLE} />
                <YAxis tickFormatter={rupeeTick} tick={AXIS_STYLE} width={64} />
                <Tooltip formatter={rupeeTooltip} />
                <Legend itemSorter={null} />
                <Bar dataKey="cgstPaise" name="CGST" stackId="tax" fill={COLORS.brand} {...STATIC} />
                <Bar dataKey="sgstPaise" name="SGST" stackId="tax" fill={COLORS.accent} {...STATIC} />
                <Bar dataKey="igstPaise" name="IGST" stackId="tax" fill={COLORS.warn} {...STATIC} />
              </BarChart>
            </ResponsiveContainer>
          )
        }
      >
        <table className="list report-list" data-testid="gst-rate-table">
          <GstHead first={['Rate']} />
          <tbody>
            {r.rateWise.map((g) => (
              <tr key={g.rateBp}>
                <td>{rateText(g.rateBp)}</td>
                <GstCells f={g} />
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th>Total</th>
              <GstCells f={r.totals} testId="gst-total" />
            </tr>
          </tfoot>
        </table>
      </ReportSection>
      <ReportSection id="gst-hsn" title="HSN-wise summary" csv={() => gstHsnCsv(r)}>
        <table className="list report-list">
          <GstHead first={['HSN', 'Rate']} />
          <tbody>
            {r.hsnWise.map((g) => (
              <tr key={`${g.hsn}-${g.rateBp}`}>
                <td className="mono">{g.hsn === '' ? '—' : g.hsn}</td>
                <td>{rateText(g.rateBp)}</td>
                <GstCells f={g} />
              </tr>
            ))}
          </tbody>
        </table>
      </ReportSection>
      <ReportSection id="gst-supply" title="B2B and B2C supplies" note="B2B: the invoice names a customer with a GSTIN. B2C: everyone else." csv={() => gstSupplyCsv(r)}>
        <table className="list report-list" data-testid="gst-supply-table">
          <GstHead first={['Supply', 'Invoices']} />
          <tbody>
            <tr>
              <td>B2B</td>
              <td className="money" data-testid="gst-b2b-invoices">{r.b2b.invoices}</td>
              <GstCells f={r.b2b} testId="gst-b2b" />
            </tr>
            <tr>
              <td>B2C</td>
              <td className="money" data-testid="gst-b2c-invoices">{r.b2c.invoices}</td>
              <GstCells f={r.b2c} testId="gst-b2c" />
            </tr>
          </tbody>
        </table>
      </ReportSection>
      <ReportSection id="gst-b2b" title="B2B invoices" csv={() => b2bInvoicesCsv(r)}>
        {r.b2bInvoices.length === 0 ? (
          <p className="hint">No invoice to a registered customer in this period.</p>
        ) : (
          <table className="list report-list">
            <thead>
              <tr>
                <th>Invoice</th>
                <th>Date</th>
                <th>Customer</th>
                <th>GSTIN</th>
                <th>Place of supply</th>
                <th className="money">Taxable</th>
                <th className="money">Tax</th>
                <th className="money">Value</th>
              </tr>
            </thead>
            <tbody>
              {r.b2bInvoices.map((b) => (
                <tr key={b.invoiceNo}>
                  <td className="mono">{b.invoiceNo}</td>
                  <td>{longDate(b.businessDate)}</td>
                  <td>{b.customerName}</td>
                  <td className="mono">{b.gstin}</td>
                  <td>{GST_STATES[b.placeOfSupply] ?? b.placeOfSupply}</td>
                  <Money value={b.taxablePaise} />
                  <Money value={paise(b.cgstPaise + b.sgstPaise + b.igstPaise)} />
                  <Money value={b.valuePaise} strong />
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </ReportSection>
      <ReportSection id="gst-docs" title="Documents issued" note="Per invoice series (counter and financial year): voided invoices count as issued and cancelled." csv={() => documentsCsv(r)}>
        {r.documents.length === 0 ? (
          <p className="hint">No invoice was issued in this period.</p>
        ) : (
          <table className="list report-list" data-testid="gst-docs-table">
            <thead>
              <tr>
                <th>Series</th>
                <th>From</th>
                <th>To</th>
                <th className="money">Issued</th>
                <th className="money">Cancelled</th>
                <th className="money">Net issued</th>
                <th className="money">Missing</th>
              </tr>
            </thead>
            <tbody>
              {r.documents.map((d) => (
                <tr key={d.series} data-testid="gst-doc-row">
                  <td className="mono">{d.series}</td>
                  <td className="mono">{d.first}</td>
                  <td className="mono">{d.last}</td>
                  <td className="money">{d.issued}</td>
                  <td className="money">{d.cancelled}</td>
                  <td className="money">{d.issued - d.cancelled}</td>
                  <td className="money" title="Numbers in the range this device has not seen: not yet synced from that counter, or never issued.">
                    {d.missing}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </ReportSection>
    </>
  );
}
