/** Chart colours and axis formats shared by every report chart (the palette of styles.css). */
import { formatINR, type Paise } from '../../../../shared/src/money.js';
import { compactRupees } from '../../state/report-format.js';

export const COLORS = {
  brand: '#0f6e5a',
  accent: '#0b57d0',
  warn: '#b07800',
  danger: '#b3261e',
  muted: '#8a94a6',
  grid: '#e3e8ef',
} as const;

export const SERIES = [COLORS.brand, COLORS.accent, COLORS.warn, COLORS.danger, COLORS.muted] as const;

/** Axis ticks for paise values. */
export const rupeeTick = (value: unknown): string => compactRupees(Number(value));

/** Tooltip values for paise: exact rupees. */
export const rupeeTooltip = (value: unknown): string => formatINR(Number(value) as Paise);

export const AXIS_STYLE = { fontSize: 12, fill: '#3b4658' } as const;

/** Charts are static pictures of the table beside them: no animation to wait for. */
export const STATIC = { isAnimationActive: false } as const;
