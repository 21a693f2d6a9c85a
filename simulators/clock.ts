// The simulated clock: "today" for the world and the windows of every rate limit.
// Tests move it instead of sleeping.

export interface SimClock {
  now(): Date;
  set(d: Date): void;
  advance(ms: number): void;
}

export function createClock(start: Date): SimClock {
  let current = start.getTime();
  if (Number.isNaN(current)) throw new Error('createClock needs a valid start date');
  return {
    now: () => new Date(current),
    set: (d: Date) => {
      current = d.getTime();
    },
    advance: (ms: number) => {
      current += ms;
    },
  };
}
