import { useEffect, useMemo, useRef, useState } from 'react';
import type { ProductHit } from '../../../../../shared/src/api-contract.js';
import { formatINR, paise } from '../../../../../shared/src/money.js';
import { adjustmentApproval, DEFAULT_ADJUSTMENT_APPROVAL, type AdjustmentApprovalPolicy } from '../../../../../shared/src/stock-office/adjustment-approval.js';
import type { StockAdjustmentReason } from '../../../../../shared/src/sync-protocol.js';
import { canAdjustStock } from '../../../../../shared/src/roles.js';
import { call } from '../../../api/bridge.js';
import { REASON_LABELS } from '../../../state/stock-office/stock-office-csv.js';
import { useApp } from '../../../state/store.js';
import { defaultBatch, parseDelta, valuedLines, type AdjustLineForm } from '../../../state/stock-office/adjustment-form.js';
import { ApprovalSettings } from './ApprovalSettings.js';
import { ApproverDialog } from './ApproverDialog.js';
import { ProductPicker } from './ProductPicker.js';
import { RecentAdjustments } from './RecentAdjustments.js';
import { StockAlertStrip } from './StockAlertStrip.js';

const REASONS = Object.keys(REASON_LABELS) as StockAdjustmentReason[];
let keySeq = 0;

/** Stock adjustments with a reason; a manager's PIN where the approval rule asks for one. */
export function AdjustmentsTab() {
  const staff = useApp((s) => s.staff);
  const loadList = useApp((s) => s.loadStockAdjustments);
  const loadAlerts = useApp((s) => s.loadStockAlerts);
  const takePrefill = useApp((s) => s.takeAdjustmentPrefill);
  const prefillWaiting = useApp((s) => s.adjustmentPrefill !== null);
  const [policy, setPolicy] = useState<AdjustmentApprovalPolicy>(DEFAULT_ADJUSTMENT_APPROVAL);
  const [reason, setReason] = useState<StockAdjustmentReason>('damage');
  const [note, setNote] = useState('');
  const [lines, setLines] = useState<AdjustLineForm[]>([]);
  const [message, setMessage] = useState<{ kind: 'error' | 'info'; text: string } | null>(null);
  const [approving, setApproving] = useState(false);
  const [pinError, setPinError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const qtyRefs = useRef(new Map<string, HTMLInputElement>());
  const [focusKey, setFocusKey] = useState<string | null>(null);
  const picker = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void loadList();
    void call('stock.adjustmentPolicy', {}).then((r) => r.ok && setPolicy(r.value));
  }, [loadList]);

  useEffect(() => {
    if (!prefillWaiting) return;
    const prefill = takePrefill();
    if (prefill === null) return;
    setReason(prefill.reason);
    setNote(prefill.note);
    void Promise.all(
      prefill.lines.map(async (l) => {
        const batches = await call('stock.adjustableBatches', { productId: l.productId });
        return { key: `adj-${(keySeq += 1)}`, productId: l.productId, name: l.name, batches: batches.ok ? batches.value : [], batchId: l.batchId, qty: String(l.qtyDelta) };
      }),
    ).then((ls) => {
      setLines(ls);
      setMessage({ kind: 'info', text: 'Write-off of the expired batch filled in: check the quantity, then post.' });
    });
  }, [prefillWaiting, takePrefill]);

  useEffect(() => {
    if (focusKey === null) return;
    qtyRefs.current.get(focusKey)?.focus();
    qtyRefs.current.get(focusKey)?.select();
    setFocusKey(null);
  }, [focusKey, lines]);

  const need = useMemo(() => (staff === null ? null : adjustmentApproval(valuedLines(lines), policy, staff.role)), [lines, policy, staff]);
  if (staff === null || need === null) return null;

  async function pick(hit: ProductHit) {
    setMessage(null);
    const batches = await call('stock.adjustableBatches', { productId: hit.productId });
    if (!batches.ok) return setMessage({ kind: 'error', text: batches.error.message });
    if (batches.value.length === 0) return setMessage({ kind: 'error', text: `${hit.name} has no batches on this counter.` });
    const key = `adj-${(keySeq += 1)}`;
    setLines((ls) => [...ls, { key, productId: hit.productId, name: hit.name, batches: batches.value, batchId: defaultBatch(batches.value), qty: '' }]);
    setFocusKey(key);
  }

  const problems = lines.map((l) => (parseDelta(l.qty) === null ? 'A whole number of packs, not 0: −3 takes stock out, +2 puts it in.' : null));
  const duplicate = lines.findIndex((l, i) => lines.findIndex((o) => o.batchId === l.batchId) !== i);

  async function submit(approval: { staffId: string; pin: string } | null) {
    setBusy(true);
    const result = await call('stock.adjustWithApproval', {
      reason,
      note,
      lines: lines.map((l) => ({ batchId: l.batchId, qtyDelta: parseDelta(l.qty) ?? 0 })),
      ...(approval === null ? {} : { approverStaffId: approval.staffId, approverPin: approval.pin }),
    });
    setBusy(false);
    if (!result.ok) {
      if (approval !== null && (result.error.code === 'auth.pin_invalid' || result.error.code === 'auth.pin_locked' || result.error.code === 'auth.forbidden' || result.error.code === 'auth.manager_pin_required')) return setPinError(result.error.message);
      if (result.error.code === 'auth.manager_pin_required') return setApproving(true);
      return setMessage({ kind: 'error', text: result.error.message });
    }
    setApproving(false);
    setPinError(null);
    setLines([]);
    setNote('');
    setMessage({ kind: 'info', text: `Adjustment posted (${formatINR(result.value.valuePaise)} at cost). Id ${result.value.adjustmentId}. Saved on this counter; it syncs to the office in the background.` });
    void loadList();
    void loadAlerts();
    picker.current?.focus();
  }

  function post() {
    if (busy) return;
    if (lines.length === 0) return setMessage({ kind: 'error', text: 'Add a line: scan or search for the product, then pick its batch.' });
    if (problems.some((p) => p !== null)) return setMessage({ kind: 'error', text: `Line ${problems.findIndex((p) => p !== null) + 1}: ${problems.find((p) => p !== null) ?? ''}` });
    if (duplicate >= 0) return setMessage({ kind: 'error', text: `Line ${duplicate + 1} repeats a batch: change the quantity on the first line instead.` });
    if (need?.approver !== 'none') {
      setPinError(null);
      setApproving(true);
      return;
    }
    void submit(null);
  }

  const why =
    need.approver === 'manager'
      ? need.aboveThreshold.length > 0
        ? `Above the approval threshold — ${need.aboveThreshold.join('; ')}: a manager must approve.`
        : `A manager approves every adjustment a ${staff.role} records (${formatINR(need.valuePaise)} at cost).`
      : need.approver === 'another_manager'
        ? `Above the approval threshold — ${need.aboveThreshold.join('; ')}: a second manager must approve.`
        : `Within your authority: ${formatINR(need.valuePaise)} at cost (threshold ${formatINR(policy.maxValuePaise)} or ${policy.maxLineUnits} packs a line).`;

  return (
    <div
      className="stock-office"
      data-testid="stock-adjust"
      onKeyDown={(e) => {
        if ((e.key === 'Enter' && e.ctrlKey) || e.key === 'F10') {
          e.preventDefault();
          post();
        }
      }}
    >
      <StockAlertStrip />
      <h2 className="stock-office-title">Stock adjustment</h2>
      <div className="stock-office-header">
        <label>
          Reason
          <select data-testid="adj-reason" value={reason} onChange={(e) => setReason(e.target.value as StockAdjustmentReason)}>
            {REASONS.map((r) => (
              <option key={r} value={r}>
                {REASON_LABELS[r]}
              </option>
            ))}
          </select>
        </label>
        <label className="stock-office-note">
          Note
          <input data-testid="adj-note" value={note} maxLength={500} placeholder="What happened (optional)" onChange={(e) => setNote(e.target.value)} />
        </label>
      </div>
      <ProductPicker ref={picker} testId="adj-product" placeholder="Scan or search the product to adjust" onPick={(hit) => void pick(hit)} onError={(text) => setMessage({ kind: 'error', text })} />
      {message !== null && (
        <div className={`notice notice-${message.kind}`} role="status" data-testid="adj-message">
          {message.text}
        </div>
      )}
      {lines.length > 0 && (
        <table className="cart stock-office-lines">
          <thead>
            <tr>
              <th>#</th>
              <th>Product</th>
              <th>Batch (stock now)</th>
              <th>Change in packs</th>
              <th className="money">At cost</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {lines.map((l, i) => {
              const batch = l.batches.find((b) => b.batchId === l.batchId);
              const delta = parseDelta(l.qty);
              return (
                <tr key={l.key} data-testid="adj-line">
                  <td>{i + 1}</td>
                  <td className="item-name">{l.name}</td>
                  <td>
                    <select data-testid="adj-batch" value={l.batchId} onChange={(e) => setLines((ls) => ls.map((x) => (x.key === l.key ? { ...x, batchId: e.target.value } : x)))}>
                      {l.batches.map((b) => (
                        <option key={b.batchId} value={b.batchId}>
                          {b.batchNo} · exp {b.expiry} · {b.qty} in stock{b.expired ? ' · EXPIRED' : ''}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <input
                      ref={(el) => {
                        if (el === null) qtyRefs.current.delete(l.key);
                        else qtyRefs.current.set(l.key, el);
                      }}
                      data-testid="adj-qty"
                      className="stock-office-delta"
                      value={l.qty}
                      placeholder="-2 or +3"
                      aria-invalid={l.qty !== '' && problems[i] !== null}
                      onChange={(e) => setLines((ls) => ls.map((x) => (x.key === l.key ? { ...x, qty: e.target.value } : x)))}
                      onKeyDown={(e) => {
                        if (e.key === 'Enter' && !e.ctrlKey) {
                          e.preventDefault();
                          picker.current?.focus();
                        }
                      }}
                    />
                    {l.qty !== '' && problems[i] !== null && <div className="line-problem">{problems[i]}</div>}
                  </td>
                  <td className="money">{delta === null || batch === undefined ? '—' : formatINR(paise(delta * batch.costPaise))}</td>
                  <td>
                    <button type="button" className="link danger" aria-label={`Remove line ${i + 1}`} onClick={() => setLines((ls) => ls.filter((x) => x.key !== l.key))}>
                      ✕
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <div className="stock-office-totals">
        <span data-testid="adj-approval" className={need.approver === 'none' ? 'hint' : 'stock-office-needs'}>
          {lines.length === 0 ? (need.approver === 'manager' ? `A manager approves every adjustment a ${staff.role} records, with their PIN here.` : `Approval: a second manager above ${formatINR(policy.maxValuePaise)} at cost or ${policy.maxLineUnits} packs a line.`) : why}
        </span>
        <span className="stock-office-actions">
          <button type="button" className="primary" data-testid="adj-post" disabled={busy} onClick={post}>
            {need.approver === 'none' ? 'Post adjustment' : 'Post with manager PIN'} <kbd>Ctrl+Enter</kbd> <kbd>F10</kbd>
          </button>
        </span>
      </div>
      {canAdjustStock(staff.role) && <ApprovalSettings policy={policy} onSaved={setPolicy} />}
      <RecentAdjustments />
      {approving && (
        <ApproverDialog
          why={why}
          excludeId={need.approver === 'another_manager' ? staff.id : null}
          error={pinError}
          busy={busy}
          onApprove={(staffId, pin) => void submit({ staffId, pin })}
          onCancel={() => {
            setApproving(false);
            setPinError(null);
          }}
        />
      )}
    </div>
  );
}

