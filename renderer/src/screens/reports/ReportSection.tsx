import type { ReactNode } from 'react';
import { formatINR, type Paise } from '../../../../shared/src/money.js';
import { downloadText } from '../../api/download.js';
import type { CsvFile } from '../../state/report-csv.js';

/** One report: its chart with the exact table beside it, and the table's CSV export. */
export function ReportSection(props: {
  id: string;
  title: string;
  /** What the chart shows, for screen readers (the table carries the figures). */
  chartLabel?: string;
  chart?: ReactNode;
  children: ReactNode;
  csv: () => CsvFile;
  note?: ReactNode;
  /** 'wide': the table takes more room than the chart (many columns, long names). */
  tableWidth?: 'half' | 'wide';
}) {
  const headingId = `report-${props.id}-title`;
  return (
    <section className="report-section" aria-labelledby={headingId} data-testid={`report-${props.id}`}>
      <header className="report-section-head">
        <h2 id={headingId}>{props.title}</h2>
        <button
          type="button"
          data-testid={`export-${props.id}`}
          onClick={() => {
            const file = props.csv();
            downloadText(file.filename, file.text);
          }}
        >
          Export CSV
        </button>
      </header>
      {props.note !== undefined && <p className="report-note">{props.note}</p>}
      <div className={props.chart === undefined ? 'report-grid report-grid-table' : props.tableWidth === 'wide' ? 'report-grid report-grid-wide' : 'report-grid'}>
        {props.chart !== undefined && (
          <figure className="report-chart" role="img" aria-label={props.chartLabel ?? props.title}>
            {props.chart}
          </figure>
        )}
        <div className="report-table">{props.children}</div>
      </div>
    </section>
  );
}

/** A right-aligned exact amount cell. */
export function Money(props: { value: Paise; testId?: string; strong?: boolean }) {
  return (
    <td className={`money${props.strong === true ? ' strong' : ''}`} data-testid={props.testId}>
      {formatINR(props.value)}
    </td>
  );
}

/** A headline figure at the top of a report. */
export function Kpi(props: { label: string; value: string; testId: string; hint?: string }) {
  return (
    <div className="kpi">
      <span className="kpi-label">{props.label}</span>
      <span className="kpi-value" data-testid={props.testId}>
        {props.value}
      </span>
      {props.hint !== undefined && <span className="kpi-hint">{props.hint}</span>}
    </div>
  );
}

/** Long tables show their first rows; the CSV always has them all. */
export const TABLE_ROW_LIMIT = 200;

export function MoreRows(props: { shown: number; total: number; colSpan: number }) {
  if (props.total <= props.shown) return null;
  return (
    <tr className="more-rows">
      <td colSpan={props.colSpan}>
        Showing {props.shown} of {props.total} rows — Export CSV for all of them.
      </td>
    </tr>
  );
}
