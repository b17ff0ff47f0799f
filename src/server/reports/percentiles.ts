/**
 * PostgreSQL's `percentile_cont`: the value at position `fraction · (n − 1)` of the sorted
 * values, interpolated linearly between its neighbours; null for no values. Used where the
 * durations are computed outside SQL (business hours), so both clocks share one definition.
 */
export function percentileCont(sorted: ReadonlyArray<number>, fraction: number): number | null {
  if (sorted.length === 0) return null;
  const position = fraction * (sorted.length - 1);
  const below = Math.floor(position);
  const above = Math.ceil(position);
  const low = sorted[below] as number;
  const high = sorted[above] as number;
  return low + (high - low) * (position - below);
}

export interface DurationStats {
  count: number;
  medianSeconds: number | null;
  p90Seconds: number | null;
  meanSeconds: number | null;
}

export function durationStats(values: ReadonlyArray<number>): DurationStats {
  const sorted = [...values].sort((a, b) => a - b);
  const sum = sorted.reduce((total, value) => total + value, 0);
  return {
    count: sorted.length,
    medianSeconds: percentileCont(sorted, 0.5),
    p90Seconds: percentileCont(sorted, 0.9),
    meanSeconds: sorted.length ? sum / sorted.length : null,
  };
}
