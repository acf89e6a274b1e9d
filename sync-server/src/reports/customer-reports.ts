/**
 * Customer segments by RFM: recency (days from the last purchase to the end of the range),
 * frequency (purchases) and monetary value (paise), each scored 1–5 by quintile among the
 * customers who bought in the range (NTILE), then named by the usual R/F rules.
 */
import type { Queryable } from '../db/db.js';
import type { ReportRange } from './sales-reports.js';

export type Segment = 'champions' | 'loyal' | 'new' | 'at_risk' | 'hibernating' | 'needs_attention';

export interface RfmCustomer {
  customerId: string;
  name: string;
  phone: string;
  lastPurchase: string;
  recencyDays: number;
  frequency: number;
  monetaryPaise: number;
  r: number;
  f: number;
  m: number;
  segment: Segment;
}

/** The segment of an R and F score (1–5, 5 best). */
export function segmentOf(r: number, f: number): Segment {
  if (r >= 4 && f >= 4) return 'champions';
  if (f >= 4) return 'loyal';
  if (r >= 4 && f <= 2) return 'new';
  if (r <= 2 && f >= 3) return 'at_risk';
  if (r <= 2 && f <= 2) return 'hibernating';
  return 'needs_attention';
}

export async function customerSegments(db: Queryable, range: ReportRange, limit: number): Promise<{ segments: { segment: Segment; customers: number; monetaryPaise: number }[]; customers: RfmCustomer[] }> {
  const result = await db.query<Record<string, unknown>>(
    /* sql */ `WITH per AS (
       SELECT s.customer_id, MAX(s.business_date) AS last, COUNT(*) AS frequency, SUM(s.total_paise) AS monetary
         FROM sales s
        WHERE s.branch_id = ANY($1::uuid[]) AND s.business_date BETWEEN $2::text AND $3::text AND s.status = 'completed' AND s.customer_id IS NOT NULL
        GROUP BY s.customer_id)
     SELECT per.customer_id, COALESCE(c.name, '') AS name, COALESCE(c.phone, '') AS phone, per.last, (($3::text)::date - per.last::date) AS recency,
            per.frequency, per.monetary,
            NTILE(5) OVER (ORDER BY per.last ASC, per.customer_id) AS r,
            NTILE(5) OVER (ORDER BY per.frequency ASC, per.customer_id) AS f,
            NTILE(5) OVER (ORDER BY per.monetary ASC, per.customer_id) AS m
       FROM per LEFT JOIN customers c ON c.id = per.customer_id
      ORDER BY per.monetary DESC, per.customer_id`,
    [range.branchIds, range.from, range.to],
  );
  const all: RfmCustomer[] = result.rows.map((row) => {
    const r = Number(row.r);
    const f = Number(row.f);
    return {
      customerId: String(row.customer_id),
      name: String(row.name),
      phone: String(row.phone),
      lastPurchase: String(row.last),
      recencyDays: Number(row.recency),
      frequency: Number(row.frequency),
      monetaryPaise: Number(row.monetary),
      r,
      f,
      m: Number(row.m),
      segment: segmentOf(r, f),
    };
  });
  const order: Segment[] = ['champions', 'loyal', 'new', 'needs_attention', 'at_risk', 'hibernating'];
  const segments = order
    .map((segment) => {
      const members = all.filter((c) => c.segment === segment);
      return { segment, customers: members.length, monetaryPaise: members.reduce((s, c) => s + c.monetaryPaise, 0) };
    })
    .filter((s) => s.customers > 0);
  return { segments, customers: all.slice(0, limit) };
}
