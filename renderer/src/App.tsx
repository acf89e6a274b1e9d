import { lazy, Suspense, useEffect } from 'react';
import { Header } from './components/Header.js';
import { SyncPanel } from './components/SyncPanel.js';
import { InvoiceView } from './screens/InvoiceView.js';
import { LoginScreen } from './screens/LoginScreen.js';
import { PairingScreen } from './screens/PairingScreen.js';
import { SellScreen } from './screens/SellScreen.js';
import { canViewReports } from '../../shared/src/reports/access.js';
import { useApp } from './state/store.js';
import { syncPollMs } from './state/sync-view.js';

// Charts are a manager's screen: the counter starts without loading them.
// The back office is not needed to sell either.
const BackOfficeScreen = lazy(() => import('./screens/office/BackOfficeScreen.js').then((m) => ({ default: m.BackOfficeScreen })));
const ReportsScreen = lazy(() => import('./screens/ReportsScreen.js').then((m) => ({ default: m.ReportsScreen })));

export function App() {
  const booted = useApp((s) => s.booted);
  const unpaired = useApp((s) => s.unpaired);
  const staff = useApp((s) => s.staff);
  const invoice = useApp((s) => s.invoice);
  const dialog = useApp((s) => s.dialog);
  const office = useApp((s) => s.screen === 'office' && s.staff !== null);
  const reports = useApp((s) => s.screen === 'reports' && s.staff !== null && canViewReports(s.staff.role));
  const boot = useApp((s) => s.boot);
  const pollMs = useApp((s) =>
    syncPollMs({ initialSync: s.unpaired && s.pairingPhase === 'initial-sync', panelOpen: s.dialog === 'sync', progress: s.sync?.progress != null }),
  );

  useEffect(() => {
    void boot();
  }, [boot]);

  // One status poll; each tick waits for the previous answer, so a slow core is never flooded.
  useEffect(() => {
    let timer = 0;
    let stopped = false;
    const tick = async () => {
      await useApp.getState().pollSync();
      if (!stopped) timer = window.setTimeout(() => void tick(), pollMs);
    };
    timer = window.setTimeout(() => void tick(), pollMs);
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [pollMs]);

  // Ctrl+Y opens the sync panel from every screen (and closes it again).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.ctrlKey || e.altKey || e.metaKey || e.key.toLowerCase() !== 'y') return;
      e.preventDefault();
      useApp.getState().toggleSyncPanel();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  if (!booted) return <div className="boot">Starting Similia…</div>;
  let screen = <SellScreen />;
  if (unpaired) screen = <PairingScreen />;
  else if (staff === null) screen = <LoginScreen />;
  else if (invoice !== null) screen = <InvoiceView invoice={invoice} />;
  else if (reports)
    screen = (
      <Suspense fallback={<div className="boot">Opening reports…</div>}>
        <ReportsScreen />
      </Suspense>
    );
  else if (office)
    screen = (
      <Suspense fallback={<div className="boot">Opening the back office…</div>}>
        <BackOfficeScreen />
      </Suspense>
    );
  return (
    <div className="app">
      <Header />
      {screen}
      {dialog === 'sync' && <SyncPanel />}
    </div>
  );
}
