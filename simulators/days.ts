// Calendar arithmetic on whole UTC days, numbered from 1970-01-01 = 0. Everything in the
// simulated world is keyed by day numbers; strings appear only at the HTTP edge.

export const DAY_MS = 86_400_000;

export function dayNumber(date: string | Date): number {
  const ms = typeof date === 'string' ? Date.parse(`${date.slice(0, 10)}T00:00:00Z`) : date.getTime();
  if (Number.isNaN(ms)) throw new Error(`not a date: ${String(date)}`);
  return Math.floor(ms / DAY_MS);
}

export function dayString(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function isDayString(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) &&
    new Date(`${text}T00:00:00Z`).toISOString().startsWith(text);
}

/** The Sunday (00:00 UTC) that starts the week containing this day. 1970-01-01 was a Thursday. */
export function weekStart(day: number): number {
  return day - ((day + 4) % 7);
}

/** Fraction of the day elapsed at this instant, in [0, 1). */
export function dayFraction(now: Date): number {
  return (now.getTime() - dayNumber(now) * DAY_MS) / DAY_MS;
}

export function compactDay(day: number): string {
  return dayString(day).replaceAll('-', '');
}
