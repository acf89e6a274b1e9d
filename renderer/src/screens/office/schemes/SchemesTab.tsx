import { useEffect } from 'react';
import { downloadText } from '../../../api/download.js';
import { branchText, capText, conditionText, groupByStatus, schemesCsv, STATUS_LABELS, windowText } from '../../../state/schemes-view.js';
import { useApp } from '../../../state/store.js';

/**
 * Back office → Schemes: what the central office runs, as synced to this counter, in force first.
 * Applied at the counter by themselves; created and edited at the office (REST API, admin).
 */
export function SchemesTab() {
  const list = useApp((s) => s.schemesList);
  const date = useApp((s) => s.schemesDate);
  const error = useApp((s) => s.schemesError);
  const load = useApp((s) => s.loadSchemes);

  useEffect(() => {
    void load();
  }, [load]);

  const groups = groupByStatus(list);
  return (
    <div className="schemes-tab" data-testid="schemes-tab">
      <div className="schemes-toolbar">
        <p className="hint">
          Schemes apply at the counter by themselves (best one per line, a bill scheme on top, never past the cap). The central office creates and edits
          them; they arrive with sync.{date !== '' && ` Business date ${date}.`}
        </p>
        <button type="button" data-testid="schemes-csv" disabled={list.length === 0} onClick={() => (({ filename, text }) => downloadText(filename, text))(schemesCsv(list, date))}>
          Export CSV
        </button>
      </div>
      {error !== null && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
      {list.length === 0 && error === null && <p className="hint">No schemes from the office yet.</p>}
      {groups.map((g) => (
        <section key={g.status} className={`schemes-group schemes-${g.status}`} data-testid={`schemes-group-${g.status}`}>
          <h3>
            {STATUS_LABELS[g.status]} <span className="schemes-count">{g.schemes.length}</span>
          </h3>
          <table className="schemes-table">
            <thead>
              <tr>
                <th>Scheme</th>
                <th>On</th>
                <th>Gives</th>
                <th>Window</th>
                <th>Branches</th>
                <th className="money">Cap</th>
              </tr>
            </thead>
            <tbody>
              {g.schemes.map((s) => (
                <tr key={s.id} data-testid="schemes-row" className={s.atThisBranch ? '' : 'schemes-elsewhere'}>
                  <td className="item-name">{s.name}</td>
                  <td>{s.targetLabel}</td>
                  <td>
                    <strong>{s.benefit}</strong>
                    {conditionText(s) !== '' && <div className="item-meta">{conditionText(s)}</div>}
                  </td>
                  <td>{windowText(s)}</td>
                  <td>{branchText(s)}</td>
                  <td className="money">{capText(s)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </div>
  );
}
