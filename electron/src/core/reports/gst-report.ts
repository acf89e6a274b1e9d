/**
 * The GST summary for a return period: tax by rate and by HSN from the stored line values (never
 * re-priced), supplies to registered buyers (B2B: the customer has a GSTIN) apart from the rest
 * (B2C), the B2B invoices one by one, and the documents issued per invoice series — voided
 * invoices count as issued and cancelled there, and nowhere else.
 */
import { paise } from '../../../../shared/src/money.js';
import { documentSeries } from '../../../../shared/src/reports/document-series.js';
import type { GstFigures, GstSummaryReport, GstSupplySplit } from '../../../../shared/src/reports/report-types.js';
import type { Db } from '../store/open-store.js';
import { allOver, type SalesScope } from './branch-sales.js';

interface SumRow {
  qty: number | null;
  taxable: number | null;
  cgst: number | null;
  sgst: number | null;
  igst: number | null;
  value: number | null;
}

const SUMS = /* sql */ `SUM(l.qty) AS qty, SUM(l.taxable_paise) AS taxable, SUM(l.cgst_paise) AS cgst, SUM(l.sgst_paise) AS sgst, SUM(l.igst_paise) AS igst, SUM(l.net_paise) AS value`;
const IS_B2B = /* sql */ `(c.gstin IS NOT NULL AND c.gstin <> '')`;

const n = (v: unknown): number => Number(v ?? 0);

function figures(r: SumRow | undefined): GstFigures {
  return {
    qty: n(r?.qty),
    taxablePaise: paise(n(r?.taxable)),
    cgstPaise: paise(n(r?.cgst)),
    sgstPaise: paise(n(r?.sgst)),
    igstPaise: paise(n(r?.igst)),
    valuePaise: paise(n(r?.value)),
  };
}

function addSplit(a: GstSupplySplit, b: GstSupplySplit): GstSupplySplit {
  return {
    invoices: a.invoices + b.invoices,
    qty: a.qty + b.qty,
    taxablePaise: paise(a.taxablePaise + b.taxablePaise),
    cgstPaise: paise(a.cgstPaise + b.cgstPaise),
    sgstPaise: paise(a.sgstPaise + b.sgstPaise),
    igstPaise: paise(a.igstPaise + b.igstPaise),
    valuePaise: paise(a.valuePaise + b.valuePaise),
  };
}

type GstRow = SumRow & {
  kind: 'rate' | 'hsn' | 'split' | 'b2b';
  hsn: string | null;
  rate_bp: number | null;
  b2b: number | null;
  invoices: number | null;
  invoice_no: string | null;
  business_date: string | null;
  name: string | null;
  gstin: string | null;
  place_of_supply: string | null;
};

const group = (kind: string, columns: string, from: string, groupBy: string): string =>
  /* sql */ `SELECT '${kind}' AS kind, ${columns}, ${SUMS} FROM ${from} GROUP BY ${groupBy}`;

/**
 * One statement, so the branch's lines (pulled JSON included) are read once: the four groupings
 * run over one materialised set of completed lines, tagged by kind.
 */
const GST_SELECT = /* sql */ `,
gst_lines AS MATERIALIZED (
  SELECT l.*, c.name AS customer_name, c.gstin, ${IS_B2B} AS b2b FROM branch_lines l LEFT JOIN customers c ON c.id = l.customer_id WHERE l.status <> 'voided')
${group('rate', 'NULL AS hsn, l.rate_bp, NULL AS b2b, NULL AS invoices, NULL AS invoice_no, NULL AS business_date, NULL AS name, NULL AS gstin, NULL AS place_of_supply', 'gst_lines l', 'l.rate_bp')}
UNION ALL
${group('hsn', 'l.hsn, l.rate_bp, NULL, NULL, NULL, NULL, NULL, NULL, NULL', 'gst_lines l', 'l.hsn, l.rate_bp')}
UNION ALL
${group('split', 'NULL, NULL, l.b2b, COUNT(DISTINCT l.sale_id), NULL, NULL, NULL, NULL, NULL', 'gst_lines l', 'l.b2b')}
UNION ALL
${group('b2b', 'NULL, NULL, 1, 1, l.invoice_no, l.business_date, l.customer_name, l.gstin, l.place_of_supply', 'gst_lines l WHERE l.b2b', 'l.sale_id')}
ORDER BY kind, hsn, rate_bp, business_date, invoice_no`;

export function gstSummary(db: Db, scope: SalesScope): GstSummaryReport {
  const rows = allOver<GstRow>(db, GST_SELECT, scope, {}, { continueWith: true });
  const of = (kind: GstRow['kind']): GstRow[] => rows.filter((r) => r.kind === kind);
  const docs = allOver<{ invoice_no: string; status: string }>(db, /* sql */ `SELECT invoice_no, status FROM branch_sales`, scope);
  const split = (b2b: 0 | 1): GstSupplySplit => {
    const row = of('split').find((s) => s.b2b === b2b);
    return { invoices: n(row?.invoices), ...figures(row) };
  };
  const b2b = split(1);
  const b2c = split(0);
  return {
    from: scope.from,
    to: scope.to,
    rateWise: of('rate').map((r) => ({ rateBp: n(r.rate_bp), ...figures(r) })),
    hsnWise: of('hsn').map((r) => ({ hsn: r.hsn ?? '', rateBp: n(r.rate_bp), ...figures(r) })),
    b2b,
    b2c,
    totals: addSplit(b2b, b2c),
    b2bInvoices: of('b2b').map((r) => {
      const f = figures(r);
      return {
        invoiceNo: r.invoice_no ?? '',
        businessDate: r.business_date ?? '',
        customerName: r.name ?? '',
        gstin: r.gstin ?? '',
        placeOfSupply: r.place_of_supply ?? '',
        taxablePaise: f.taxablePaise,
        cgstPaise: f.cgstPaise,
        sgstPaise: f.sgstPaise,
        igstPaise: f.igstPaise,
        valuePaise: f.valuePaise,
      };
    }),
    documents: documentSeries(docs.map((d) => ({ invoiceNo: d.invoice_no, voided: d.status === 'voided' }))),
  };
}
