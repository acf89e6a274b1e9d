import { useEffect, useState } from 'react';
import { parseRupees } from '../../../../../shared/src/money.js';
import { useApp } from '../../../state/store.js';

const rupees = (p: number): string => String(p / 100);

/** Managers: how many points a spend earns, what a point is worth, and the per-bill limits. */
export function LoyaltyRuleForm() {
  const rule = useApp((s) => s.loyaltyRule);
  const load = useApp((s) => s.loyaltyLoad);
  const save = useApp((s) => s.loyaltySave);
  const [form, setForm] = useState({ earnPoints: '', earnPer: '', pointValue: '', min: '', max: '' });
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => void load(), [load]);
  useEffect(() => {
    if (rule !== null)
      setForm({ earnPoints: String(rule.earnPoints), earnPer: rupees(rule.earnPerPaise), pointValue: rupees(rule.pointValuePaise), min: String(rule.minRedeemPoints), max: String(rule.maxRedeemPoints) });
  }, [rule]);

  const field = (key: keyof typeof form, label: string, unit: string) => (
    <label>
      {label}
      <span>
        <input data-testid={`loyalty-${key}`} inputMode="decimal" value={form[key]} onChange={(e) => (setForm({ ...form, [key]: e.target.value }), setSaved(false))} /> {unit}
      </span>
    </label>
  );

  function submit() {
    const earnPerPaise = parseRupees(form.earnPer);
    const pointValuePaise = parseRupees(form.pointValue);
    const whole = (t: string): number => (/^\d+$/.test(t.trim()) ? Number(t) : NaN);
    if (earnPerPaise === null || pointValuePaise === null) return setProblem('Enter rupee amounts, e.g. 100 or 0.50.');
    const next = { earnPoints: whole(form.earnPoints), earnPerPaise, pointValuePaise, minRedeemPoints: whole(form.min), maxRedeemPoints: whole(form.max) };
    if (Object.values(next).some((v) => Number.isNaN(v))) return setProblem('Points are whole numbers.');
    setProblem(null);
    void save(next).then(setSaved);
  }

  return (
    <form
      className="customers-rule"
      data-testid="loyalty-rule"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <h4>Loyalty rule (this counter)</h4>
      <div className="customers-rule-grid">
        {field('earnPoints', 'Earn', 'points')}
        {field('earnPer', 'per', '₹ paid')}
        {field('pointValue', 'A point is worth', '₹')}
        {field('min', 'Redeem at least', 'points')}
        {field('max', 'at most (0 = no limit)', 'points / bill')}
      </div>
      {problem !== null && <p className="error">{problem}</p>}
      <button type="submit">Save rule</button>
      {saved && (
        <span className="hint customers-saved" data-testid="loyalty-saved">
          {' '}
          Saved for this counter.
        </span>
      )}
    </form>
  );
}
