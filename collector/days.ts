// Calendar days written YYYY-MM-DD (UTC): the one place for day arithmetic, and
// the check run before anything else reads a day: Date.parse rolls 2024-02-30
// over to 2024-03-01, and ClickHouse's Date type stores 1900-01-01 or
// 2023-13-45 as 1970-01-01, both without a word.

export const DAY_MS = 86_400_000;

/** The UTC day of a moment. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The UTC day of a time in milliseconds. */
export function formatDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Midnight UTC of a day, in milliseconds; throws on anything but a real calendar day. */
export function parseDay(day: string): number {
  if (!isCalendarDay(day)) throw new RangeError(`${JSON.stringify(day)} is not a calendar date written YYYY-MM-DD`);
  return Date.parse(`${day}T00:00:00Z`);
}

export function addDays(day: string, n: number): string {
  return formatDay(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS);
}

/** Whole days from a to b (b - a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

export function minDay(a: string, b: string): string {
  return a < b ? a : b;
}

export function maxDay(a: string, b: string): string {
  return a > b ? a : b;
}

/** Every day from a to b inclusive. */
export function eachDay(a: string, b: string): string[] {
  const out: string[] = [];
  for (let d = a; d <= b; d = addDays(d, 1)) out.push(d);
  return out;
}

/** No fact this project keeps describes a day before this (GitHub itself started in 2008). */
export const EARLIEST_DAY = '2000-01-01';

const DAY_FORMAT = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real calendar day written YYYY-MM-DD: 2024-02-29 yes, 2023-02-29 and 2024-13-01 no. */
export function isCalendarDay(text: string): boolean {
  if (!DAY_FORMAT.test(text)) return false;
  const ms = Date.parse(`${text}T00:00:00Z`);
  // A day that exists prints back as itself; one that rolled over does not.
  return !Number.isNaN(ms) && new Date(ms).toISOString().startsWith(text);
}

/** Why a day is not a calendar day in [EARLIEST_DAY, latest], or null when it is. */
export function dayProblem(text: string, latest: string): string | null {
  if (!isCalendarDay(text)) return `${JSON.stringify(text)} is not a calendar date written YYYY-MM-DD`;
  if (text < EARLIEST_DAY) return `${text} is before ${EARLIEST_DAY}`;
  if (text > latest) return `${text} is in the future (today is ${latest})`;
  return null;
}
