import { presetsFor, type PresetId } from '../../../../shared/src/reports/periods.js';
import type { Granularity } from '../../../../shared/src/reports/report-types.js';
import { rangeText } from '../../state/report-format.js';
import { useApp } from '../../state/store.js';

/** Period presets (Indian financial year: April–March), a custom range, and the sales trend's granularity. */
export function RangePicker(props: { showGranularity: boolean }) {
  const today = useApp((s) => s.reportToday);
  const period = useApp((s) => s.reportPeriod);
  const choosePreset = useApp((s) => s.choosePreset);
  const setCustomRange = useApp((s) => s.setCustomRange);
  const setGranularity = useApp((s) => s.setGranularity);
  if (today === null || period === null) return null;
  const presets = presetsFor(today);
  return (
    <div className="range-picker" role="group" aria-label="Report period">
      <label>
        Period
        <select data-testid="report-preset" value={period.preset} onChange={(e) => (e.target.value === 'custom' ? setCustomRange(period.from, period.to) : choosePreset(e.target.value as PresetId))}>
          {presets.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
          <option value="custom">Custom range</option>
        </select>
      </label>
      <label>
        From
        <input type="date" data-testid="report-from" value={period.from} max={period.to} onChange={(e) => e.target.value !== '' && setCustomRange(e.target.value, period.to)} />
      </label>
      <label>
        To
        <input type="date" data-testid="report-to" value={period.to} min={period.from} onChange={(e) => e.target.value !== '' && setCustomRange(period.from, e.target.value)} />
      </label>
      {props.showGranularity && (
        <label>
          By
          <select data-testid="report-granularity" value={period.granularity} onChange={(e) => setGranularity(e.target.value as Granularity)}>
            <option value="day">Day</option>
            <option value="week">Week</option>
            <option value="month">Month</option>
          </select>
        </label>
      )}
      <span className="range-text" data-testid="report-range-text">
        {rangeText(period.from, period.to)}
      </span>
    </div>
  );
}
