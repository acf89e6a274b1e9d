/**
 * Times shown at the counter are branch times (Asia/Kolkata), whatever the machine's zone, so the
 * recent-sales list, held sales and the printed invoice always agree with the business date.
 */
const ZONE = 'Asia/Kolkata';

/** '24/11/26, 4:32 am' — short date and time at the branch. */
export function istDateTime(iso: string): string {
  return new Date(iso).toLocaleString('en-IN', { timeZone: ZONE, dateStyle: 'short', timeStyle: 'short' });
}

/** '4:32 am' — time of day at the branch. */
export function istTime(iso: string): string {
  return new Date(iso).toLocaleTimeString('en-IN', { timeZone: ZONE, timeStyle: 'short' });
}

/** '24 Nov 2026, 4:32 am' — for the invoice and tooltips. */
export function istLong(iso: string): string {
  return new Date(iso).toLocaleString('en-IN', { timeZone: ZONE, dateStyle: 'medium', timeStyle: 'short' });
}

/** How long ago an instant was, for people: 'just now', '12 min', '3 h 5 min', '2 days'. */
export function ageLabel(iso: string, nowMs: number): string {
  const minutes = Math.floor((nowMs - Date.parse(iso)) / 60_000);
  if (!Number.isFinite(minutes) || minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  const days = Math.floor(hours / 24);
  return days === 1 ? '1 day' : `${days} days`;
}
