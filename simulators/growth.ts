// Closed-form growth curves. Counts of things that accumulate (repositories matching a
// keyword, stars, all-time downloads, likes) are evaluated directly at any day, so the
// world stays cheap however large it is, and daily figures are differences of the
// cumulative curve, so they always sum exactly to the total.

import { unit } from './random.ts';

/** How many repositories of a population exist by the end of a day: a launch burst that saturates, plus steady growth. */
export interface PopulationCurve {
  startDay: number;
  /** Repositories created in the launch burst (saturating exponential). */
  burst: number;
  /** Days for the burst to reach ~63 %. */
  tau: number;
  /** Steady repositories per day after (and during) the burst. */
  perDay: number;
}

export function populationCountUpTo(curve: PopulationCurve, day: number): number {
  if (day < curve.startDay) return 0;
  const n = day - curve.startDay + 1;
  return Math.floor(curve.burst * (1 - Math.exp(-n / curve.tau)) + curve.perDay * n);
}

/** The day the k-th repository (0-based) of a population was created: the first day whose count exceeds k. */
export function populationDayOf(curve: PopulationCurve, k: number): number {
  let lo = curve.startDay;
  let hi = curve.startDay + 1;
  while (populationCountUpTo(curve, hi) <= k) hi += (hi - curve.startDay) * 2;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (populationCountUpTo(curve, mid) > k) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * A cumulative count (stars, downloads, likes) that starts at startDay, reaches about
 * `totalAtRef` by refDay and keeps growing at its late rate afterwards. Daily increments
 * carry deterministic noise yet stay non-negative, so the curve is monotone.
 */
export interface CumulativeCurve {
  seed: number;
  key: string;
  startDay: number;
  refDay: number;
  totalAtRef: number;
  /** Initial daily rate as a multiple of the late daily rate. */
  burst: number;
  tau: number;
}

function smooth(c: CumulativeCurve, t: number): number {
  return c.burst * c.tau * (1 - Math.exp(-t / c.tau)) + t;
}

function noisy(c: CumulativeCurve, day: number): number {
  if (day < c.startDay) return 0;
  const scale = c.totalAtRef / Math.max(smooth(c, c.refDay - c.startDay + 1), smooth(c, 30));
  const t = day - c.startDay + 1;
  const value = scale * smooth(c, t);
  const gain = value - scale * smooth(c, t - 1);
  // ±30 % of the day's own gain; never enough to make a day negative while tau >= 5.
  return value + gain * 0.6 * (unit(c.seed, c.key, day) - 0.5);
}

/** The cumulative count at the end of a day. */
export function cumulativeAtDayEnd(c: CumulativeCurve, day: number): number {
  return Math.round(noisy(c, day));
}

/** The cumulative count at an instant within `day` (fraction of the day elapsed). */
export function cumulativeAt(c: CumulativeCurve, day: number, fraction: number): number {
  const before = noisy(c, day - 1);
  return Math.round(before + (noisy(c, day) - before) * fraction);
}
