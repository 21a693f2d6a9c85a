// Calendar days written YYYY-MM-DD (UTC), checked before anything else reads them:
// Date.parse rolls 2024-02-30 over to 2024-03-01, and ClickHouse's Date type stores
// 1900-01-01 or 2023-13-45 as 1970-01-01, both without a word.

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
