import { useEffect, useRef } from 'react';
import { useApp } from '../../state/store.js';
import { officeTabsFor } from './office-tabs.js';

/**
 * The branch back office (F3): one tab per job (receive stock, stocktake, returns, shift, …), each
 * shown only to the roles that may do it. Alt+digit picks a tab; Esc goes back to selling.
 */
export function BackOfficeScreen() {
  const role = useApp((s) => s.staff?.role ?? null);
  const wanted = useApp((s) => s.officeTab);
  const setTab = useApp((s) => s.setOfficeTab);
  const tabs = role === null ? [] : officeTabsFor(role);
  const current = tabs.find((t) => t.id === wanted) ?? tabs[0];
  const tabRefs = useRef<Record<string, HTMLButtonElement | null>>({});

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const state = useApp.getState();
      if (state.dialog !== 'none' || e.defaultPrevented) return;
      if (e.key === 'Escape') {
        e.preventDefault();
        return state.closeOffice();
      }
      if (e.ctrlKey && e.key.toLowerCase() === 'l') {
        e.preventDefault();
        return void state.logout();
      }
      const picked = e.altKey && !e.ctrlKey && !e.metaKey ? tabs[Number(e.key) - 1] : undefined;
      if (picked !== undefined) {
        e.preventDefault();
        state.setOfficeTab(picked.id);
        tabRefs.current[picked.id]?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [tabs]);

  if (current === undefined) return <main className="office">Nothing in the back office for this role.</main>;
  const Tab = current.component;
  return (
    <main className="office" data-testid="office-screen">
      <nav className="office-tabs" role="tablist" aria-label="Back office">
        {tabs.map((t, i) => (
          <button
            key={t.id}
            ref={(el) => {
              tabRefs.current[t.id] = el;
            }}
            type="button"
            role="tab"
            data-testid={`office-tab-${t.id}`}
            aria-selected={t.id === current.id}
            className={t.id === current.id ? 'office-tab active' : 'office-tab'}
            onClick={() => setTab(t.id)}
            title={i < 9 ? `Alt+${i + 1}` : undefined}
          >
            {t.label}
            {t.useBadge !== undefined && <TabBadge use={t.useBadge} />}
            {i < 9 && <kbd>{i + 1}</kbd>}
          </button>
        ))}
      </nav>
      <section className="office-body" role="tabpanel" aria-label={current.label}>
        <Tab />
      </section>
    </main>
  );
}

/** A tab's count (its own hook); nothing when zero. */
function TabBadge({ use }: { use: () => number }) {
  const count = use();
  return count > 0 ? <span className="office-tab-badge">{count}</span> : null;
}
