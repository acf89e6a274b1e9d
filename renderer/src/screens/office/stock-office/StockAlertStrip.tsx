import { useEffect } from 'react';
import { STOCK_TAB_IDS } from '../../../state/stock-office-slice.js';
import { useApp } from '../../../state/store.js';

/** How many stock alerts are open, in one line at the top of the stock tabs; click to see them. */
export function StockAlertStrip() {
  const alerts = useApp((s) => s.stockAlerts);
  const load = useApp((s) => s.loadStockAlerts);
  const setTab = useApp((s) => s.setOfficeTab);
  useEffect(() => {
    void load();
  }, [load]);
  if (alerts === null) return null;
  const parts = [
    alerts.expired.length > 0 ? `${alerts.expired.length} expired ${alerts.expired.length === 1 ? 'batch' : 'batches'} with stock` : null,
    alerts.nearExpiry.length > 0 ? `${alerts.nearExpiry.length} expiring within ${alerts.nearExpiryDays} days` : null,
    alerts.belowReorder.length > 0 ? `${alerts.belowReorder.length} below reorder level` : null,
  ].filter((p) => p !== null);
  if (parts.length === 0) return null;
  return (
    <button type="button" className="stock-office-strip" data-testid="stock-alert-strip" onClick={() => setTab(STOCK_TAB_IDS.alerts)}>
      ⚠ {parts.join(' · ')} — see Stock alerts
    </button>
  );
}

/** The open alert count, for the Stock alerts tab's badge; loads the alerts once when first shown. */
export function useStockAlertCount(): number {
  const load = useApp((s) => s.loadStockAlerts);
  const loaded = useApp((s) => s.stockAlerts !== null);
  useEffect(() => {
    if (!loaded) void load();
  }, [load, loaded]);
  return useApp((s) => (s.stockAlerts === null ? 0 : s.stockAlerts.expired.length + s.stockAlerts.nearExpiry.length + s.stockAlerts.belowReorder.length));
}
