import type { Random } from "./random.ts";

const DAY = 86_400_000;
/** Share of the day's conversations by UTC hour (a European service day, quiet nights). */
const HOURS = [
  1, 0.6, 0.4, 0.3, 0.3, 0.5, 1.5, 3.5, 6, 8, 9, 8.5, 7, 7.5, 8.5, 8.5, 8, 7, 6, 5.5, 5, 4, 3, 2,
] as const;
/** Weekday weights, Sunday first: weekends are quieter. */
const WEEKDAYS = [0.45, 1.15, 1.05, 1, 1, 0.95, 0.55] as const;

/**
 * How many conversations start on each of the 365 days before `end`: a weekly rhythm and a
 * business that grows (the last month has about twice the first's volume). Exact total.
 */
export function dailyCounts(total: number, end: Date): number[] {
  const firstDay = Math.floor(end.getTime() / DAY) - 364;
  const weights: number[] = [];
  for (let day = 0; day < 365; day++) {
    const weekday = new Date((firstDay + day) * DAY).getUTCDay();
    weights.push((WEEKDAYS[weekday] ?? 1) * (1 + day / 365));
  }
  const sum = weights.reduce((a, b) => a + b, 0);
  const counts: number[] = [];
  let cumulative = 0;
  let given = 0;
  for (const weight of weights) {
    cumulative += weight;
    const upTo = Math.round((total * cumulative) / sum);
    counts.push(upTo - given);
    given = upTo;
  }
  return counts;
}

/** The start of day `day` (364 = `end`'s own day). */
export function dayStart(end: Date, day: number): number {
  return (Math.floor(end.getTime() / DAY) - 364 + day) * DAY;
}

/** `count` moments of one day, in order, following the daily rhythm, never after `end`. */
export function momentsOfDay(random: Random, start: number, count: number, end: Date): number[] {
  const open = HOURS.map((weight, hour) => [hour, weight] as const).filter(
    ([hour]) => start + hour * 3_600_000 < end.getTime(),
  );
  const hours = open.length > 0 ? open : ([[0, 1]] as const);
  const moments: number[] = [];
  for (let i = 0; i < count; i++) {
    const hour = random.weighted(hours);
    moments.push(
      Math.min(start + hour * 3_600_000 + random.int(3_600_000), end.getTime() - 60_000),
    );
  }
  return moments.sort((a, b) => a - b);
}
