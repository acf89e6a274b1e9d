import { useEffect } from 'react';
import { Header } from './components/Header.js';
import { InvoiceView } from './screens/InvoiceView.js';
import { LoginScreen } from './screens/LoginScreen.js';
import { SellScreen } from './screens/SellScreen.js';
import { useApp } from './state/store.js';

export function App() {
  const booted = useApp((s) => s.booted);
  const staff = useApp((s) => s.staff);
  const invoice = useApp((s) => s.invoice);
  const boot = useApp((s) => s.boot);
  const refreshSync = useApp((s) => s.refreshSync);

  useEffect(() => {
    void boot();
    const timer = window.setInterval(() => void refreshSync(), 5000);
    return () => window.clearInterval(timer);
  }, [boot, refreshSync]);

  if (!booted) return <div className="boot">Starting Similia…</div>;
  return (
    <div className="app">
      <Header />
      {staff === null ? <LoginScreen /> : invoice !== null ? <InvoiceView invoice={invoice} /> : <SellScreen />}
    </div>
  );
}
