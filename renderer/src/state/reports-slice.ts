/**
 * The Reports screen's state: which screen is up, the chosen period and tab, and the report
 * of the tab for that period (each tab asks the core for its own report; a late answer for an
 * older choice is dropped). The figures themselves all come from the core.
 */
import type { StateCreator } from 'zustand';
import type { ApiResult } from '../../../shared/src/errors.js';
import { canViewReports } from '../../../shared/src/reports/access.js';
import { presetRange, rangeProblem, suggestedGranularity, type PresetId } from '../../../shared/src/reports/periods.js';
import type {
  ExpiringStockReport,
  Granularity,
  GstSummaryReport,
  PaymentMixReport,
  ReorderReport,
  SalesTrendReport,
  StockValueReport,
  TopProductsReport,
} from '../../../shared/src/reports/report-types.js';
import { call } from '../api/bridge.js';
import type { AppState } from './store.js';

export type ReportTab = 'sales' | 'products' | 'payments' | 'gst' | 'stock' | 'expiry' | 'reorder';

export const REPORT_TABS: readonly { id: ReportTab; label: string }[] = [
  { id: 'sales', label: 'Sales trend' },
  { id: 'products', label: 'Top products' },
  { id: 'payments', label: 'Payment mix' },
  { id: 'gst', label: 'GST summary' },
  { id: 'stock', label: 'Stock value' },
  { id: 'expiry', label: 'Expiring stock' },
  { id: 'reorder', label: 'Reorder list' },
];

export interface ReportResults {
  sales: SalesTrendReport;
  products: TopProductsReport;
  payments: PaymentMixReport;
  gst: GstSummaryReport;
  stock: StockValueReport;
  expiry: ExpiringStockReport;
  reorder: ReorderReport;
}

export interface ReportPeriod {
  preset: PresetId | 'custom';
  from: string;
  to: string;
  granularity: Granularity;
}

/** Reorder settings: days of stock wanted after delivery, and days until delivery. */
export interface ReorderSettings {
  coverDays: number;
  leadDays: number;
}

export type ReportView = { [T in ReportTab]: { tab: T; key: string; report: ReportResults[T] } }[ReportTab];

export interface ReportsSlice {
  screen: 'sell' | 'reports' | 'office';
  reportToday: string | null;
  reportPeriod: ReportPeriod | null;
  reportTab: ReportTab;
  reorderSettings: ReorderSettings;
  /** The report on screen and the request key it answers. */
  reportView: ReportView | null;
  reportLoading: boolean;
  reportError: string | null;
  /** F7 / the header button; a manager or admin only (the core refuses everyone else too). */
  openReports(): Promise<void>;
  closeReports(): void;
  choosePreset(preset: PresetId): void;
  setCustomRange(from: string, to: string): void;
  setGranularity(granularity: Granularity): void;
  setReorderSettings(settings: ReorderSettings): void;
  setReportTab(tab: ReportTab): void;
  loadReport(): Promise<void>;
}

const DEFAULT_PRESET: PresetId = 'thisMonth';
let requestSeq = 0;

/** What identifies one answer: the tab and everything its request depends on. */
export function reportKey(tab: ReportTab, period: ReportPeriod, reorder: ReorderSettings): string {
  const base = `${tab}|${period.from}|${period.to}`;
  if (tab === 'sales') return `${base}|${period.granularity}`;
  if (tab === 'reorder') return `${base}|${reorder.coverDays}|${reorder.leadDays}`;
  return base;
}

async function fetchReport(tab: ReportTab, period: ReportPeriod, reorder: ReorderSettings): Promise<ApiResult<ReportView['report']>> {
  const range = { from: period.from, to: period.to };
  switch (tab) {
    case 'sales':
      return call('reports.salesTrend', { ...range, granularity: period.granularity });
    case 'products':
      return call('reports.topProducts', range);
    case 'payments':
      return call('reports.paymentMix', range);
    case 'gst':
      return call('reports.gstSummary', range);
    case 'stock':
      return call('reports.stockValue', range);
    case 'expiry':
      return call('reports.expiringStock', range);
    case 'reorder':
      return call('reports.reorderList', { ...range, coverDays: reorder.coverDays, leadDays: reorder.leadDays });
  }
}

export const createReportsSlice: StateCreator<AppState, [], [], ReportsSlice> = (set, get) => {
  const reload = (): void => void get().loadReport();
  return {
    screen: 'sell',
    reportToday: null,
    reportPeriod: null,
    reportTab: 'sales',
    reorderSettings: { coverDays: 14, leadDays: 7 },
    reportView: null,
    reportLoading: false,
    reportError: null,
    async openReports() {
      const staff = get().staff;
      if (staff === null) return;
      if (!canViewReports(staff.role)) return get().notify('error', 'Reports are for managers and admins.');
      // The core's business date, not this machine's: presets and the core agree on "today".
      const info = await call('app.info', {});
      const today = info.ok ? info.value.businessDate : (get().info?.businessDate ?? null);
      if (today === null) return get().notify('error', 'The app core is not answering; try again.');
      const kept = get().reportPeriod;
      const preset = kept === null || get().reportToday !== today ? presetRange(DEFAULT_PRESET, today) : null;
      set({
        screen: 'reports',
        dialog: 'none',
        reportToday: today,
        reportPeriod: preset === null ? kept : { preset: preset.id, from: preset.from, to: preset.to, granularity: preset.granularity },
        reportView: null,
        reportError: null,
        ...(info.ok ? { info: info.value } : {}),
      });
      reload();
    },
    closeReports() {
      requestSeq += 1;
      set({ screen: 'sell', reportView: null, reportLoading: false, reportError: null });
      get().refocus();
    },
    choosePreset(id) {
      const today = get().reportToday;
      if (today === null) return;
      const p = presetRange(id, today);
      set({ reportPeriod: { preset: p.id, from: p.from, to: p.to, granularity: p.granularity } });
      reload();
    },
    setCustomRange(from, to) {
      const period = get().reportPeriod;
      if (period === null) return;
      const problem = rangeProblem({ from, to });
      set({ reportPeriod: { preset: 'custom', from, to, granularity: problem === null ? suggestedGranularity({ from, to }) : period.granularity } });
      if (problem !== null) return set({ reportError: problem, reportView: null });
      reload();
    },
    setGranularity(granularity) {
      const period = get().reportPeriod;
      if (period === null) return;
      set({ reportPeriod: { ...period, granularity } });
      reload();
    },
    setReorderSettings(settings) {
      set({ reorderSettings: settings });
      reload();
    },
    setReportTab(tab) {
      if (tab === get().reportTab) return;
      set({ reportTab: tab });
      reload();
    },
    async loadReport() {
      const { reportTab: tab, reportPeriod: period, reorderSettings } = get();
      if (period === null) return;
      const problem = rangeProblem(period);
      if (problem !== null) return set({ reportError: problem, reportView: null, reportLoading: false });
      const key = reportKey(tab, period, reorderSettings);
      const mine = (requestSeq += 1);
      set({ reportLoading: true, reportError: null });
      const result = await fetchReport(tab, period, reorderSettings);
      if (mine !== requestSeq) return;
      if (!result.ok) return set({ reportLoading: false, reportError: result.error.message, reportView: null });
      set({ reportLoading: false, reportView: { tab, key, report: result.value } as ReportView });
    },
  };
};
