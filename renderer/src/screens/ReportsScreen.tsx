import { useEffect, useRef, useState } from 'react';
import { REPORT_TABS, reportKey, type ReportTab, type ReportView } from '../state/reports-slice.js';
import { useApp } from '../state/store.js';
import { GstTab } from './reports/GstTab.js';
import { OfficePanel } from './reports/OfficePanel.js';
import { PaymentsTab } from './reports/PaymentsTab.js';
import { ProductsTab } from './reports/ProductsTab.js';
import { RangePicker } from './reports/RangePicker.js';
import { ReorderTab } from './reports/ReorderTab.js';
import { SalesTab } from './reports/SalesTab.js';
import { ExpiryTab, StockValueTab } from './reports/StockTab.js';

const inField = (target: EventTarget | null): boolean => target instanceof HTMLInputElement || target instanceof HTMLSelectElement || target instanceof HTMLTextAreaElement;

/** Branch reports for managers: a period, one tab per report, each a chart, its table and a CSV. */
export function ReportsScreen() {
  const tab = useApp((s) => s.reportTab);
  const view = useApp((s) => s.reportView);
  const loading = useApp((s) => s.reportLoading);
  const error = useApp((s) => s.reportError);
  const wanted = useApp((s) => (s.reportPeriod === null ? null : reportKey(s.reportTab, s.reportPeriod, s.reorderSettings)));
  const setTab = useApp((s) => s.setReportTab);
  const close = useApp((s) => s.closeReports);
  const tabRefs = useRef<Partial<Record<ReportTab, HTMLButtonElement | null>>>({});
  const isAdmin = useApp((s) => s.staff?.role === 'admin');
  // Admins, online: the same period across every branch, from the office server.
  const [office, setOffice] = useState(false);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const state = useApp.getState();
      if (state.dialog !== 'none') return;
      if (e.key === 'Escape') {
        e.preventDefault();
        return state.closeReports();
      }
      if (e.ctrlKey && e.key.toLowerCase() === 'l') {
        e.preventDefault();
        return void state.logout();
      }
      // Digits pick a tab, except while typing a date or a number of days.
      const picked = REPORT_TABS[Number(e.key) - 1];
      if (picked !== undefined && !e.ctrlKey && !e.altKey && !e.metaKey && !inField(e.target)) {
        e.preventDefault();
        state.setReportTab(picked.id);
        tabRefs.current[picked.id]?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // The tab list takes the focus on arrival, so ←/→ and digits work at once.
  useEffect(() => tabRefs.current[useApp.getState().reportTab]?.focus(), []);

  const move = (delta: number) => {
    const at = REPORT_TABS.findIndex((t) => t.id === tab);
    const next = REPORT_TABS[(at + delta + REPORT_TABS.length) % REPORT_TABS.length];
    if (next === undefined) return;
    setTab(next.id);
    tabRefs.current[next.id]?.focus();
  };

  // While a new period loads, the last figures of this tab stay, dimmed, instead of a blank page.
  const current = view !== null && view.tab === tab ? view : null;
  const fresh = current !== null && current.key === wanted && error === null;
  return (
    <div className="reports" data-testid="reports-screen">
      <div className="reports-bar">
        <h1>Branch reports</h1>
        <RangePicker showGranularity={tab === 'sales' && !office} />
        {isAdmin && (
          <button type="button" className={office ? 'primary' : ''} aria-pressed={office} data-testid="reports-office" onClick={() => setOffice(!office)}>
            {office ? 'This branch (on this counter)' : 'All branches (office)'}
          </button>
        )}
        <button type="button" data-testid="reports-back" onClick={close}>
          Back to selling <kbd>Esc</kbd>
        </button>
      </div>
      <div className="report-tabs" role="tablist" aria-label="Reports" hidden={office}>
        {REPORT_TABS.map((t, i) => (
          <button
            key={t.id}
            ref={(el) => {
              tabRefs.current[t.id] = el;
            }}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={t.id === tab}
            aria-controls="report-panel"
            tabIndex={t.id === tab ? 0 : -1}
            className={t.id === tab ? 'report-tab on' : 'report-tab'}
            data-testid={`report-tab-${t.id}`}
            onClick={() => setTab(t.id)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
                e.preventDefault();
                move(e.key === 'ArrowRight' ? 1 : -1);
              }
            }}
          >
            <kbd>{i + 1}</kbd> {t.label}
          </button>
        ))}
      </div>
      <main className={fresh ? 'report-panel' : 'report-panel report-stale'} id="report-panel" role="tabpanel" aria-labelledby={`tab-${tab}`} aria-busy={loading} data-state={fresh ? 'fresh' : 'loading'}>
        {error !== null && (
          <div className="notice notice-error" role="alert" data-testid="report-error">
            {error}
          </div>
        )}
        {office ? <OfficePanel /> : current === null ? loading && <p className="hint report-loading">Working out the figures…</p> : <TabContent view={current} />}
      </main>
      <footer className="shortcuts" aria-label="Keyboard shortcuts">
        <span>
          <kbd>1</kbd>–<kbd>7</kbd> or <kbd>←</kbd>
          <kbd>→</kbd> report
        </span>
        <span>
          <kbd>Tab</kbd> period, export
        </span>
        <span>
          <kbd>Esc</kbd> back to selling
        </span>
        <span>
          <kbd>Ctrl+L</kbd> log out
        </span>
      </footer>
    </div>
  );
}

function TabContent(props: { view: ReportView }) {
  const v = props.view;
  switch (v.tab) {
    case 'sales':
      return <SalesTab report={v.report} />;
    case 'products':
      return <ProductsTab report={v.report} />;
    case 'payments':
      return <PaymentsTab report={v.report} />;
    case 'gst':
      return <GstTab report={v.report} />;
    case 'stock':
      return <StockValueTab report={v.report} />;
    case 'expiry':
      return <ExpiryTab report={v.report} />;
    case 'reorder':
      return <ReorderTab report={v.report} />;
  }
}
