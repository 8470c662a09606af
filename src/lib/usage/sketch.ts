/**
 * A latency sketch that merges: a histogram over fixed log-scale bins, the same for every
 * roll-up row, so percentiles over any range come from summing bins across rows (never from
 * averaging averages). Bin 0 holds 0 ms; bin b ≥ 1 holds (GROWTH^(b-2), GROWTH^(b-1)] ms, so a
 * bin is 2% wide and any value read back from one is within 1% of every latency it holds.
 *
 * Roll-ups store a sketch as parallel arrays, `bins smallint[]` and `counts int[]` (in no order).
 * Bins are computed in SQL only (LATENCY_BIN_SQL), so one definition decides every bin.
 */
export const GROWTH = 1.02

const LOG_GROWTH = Math.log(GROWTH)

/** SQL of the bin of an integer latency column (ms). Constants only: safe to inline. */
export const latencyBinSql = (column: string) =>
  `(CASE WHEN ${column} <= 0 THEN 0 ELSE 1 + ceil(ln(${column}::float8) / ln(${GROWTH}::float8))::int END)`

/** The bin of a latency, as LATENCY_BIN_SQL computes it (for tests and tools). */
export function latencyBin(ms: number): number {
  return ms <= 0 ? 0 : 1 + Math.ceil(Math.log(ms) / LOG_GROWTH)
}

/**
 * The latency a bin stands for (ms): the geometric middle of its interval, or the one whole
 * millisecond it holds (latencies are recorded in whole ms, and small bins hold at most one).
 */
export function binValue(bin: number): number {
  if (bin <= 0) return 0
  const low = GROWTH ** (bin - 2)
  const high = GROWTH ** (bin - 1)
  const wholes = Math.floor(high) - Math.floor(low)
  if (wholes === 1) return Math.floor(high)
  return GROWTH ** (bin - 1.5)
}

export type Sketch = { bins: number[]; counts: number[] }

/** Sums sketches bin by bin. */
export function mergeSketches(sketches: Sketch[]): Sketch {
  const total = new Map<number, number>()
  for (const { bins, counts } of sketches) {
    bins.forEach((bin, i) => total.set(bin, (total.get(bin) ?? 0) + counts[i]))
  }
  const bins = [...total.keys()].sort((a, b) => a - b)
  return { bins, counts: bins.map((bin) => total.get(bin) as number) }
}

/**
 * The 0-based ranks percentile_cont(p) interpolates between over n sorted values, and the
 * weight of the upper one: the estimate is value(lower) + weight × (value(upper) − value(lower)).
 */
export function percentileRanks(
  p: number,
  n: number,
): { lower: number; upper: number; weight: number } {
  const position = p * (n - 1)
  const lower = Math.floor(position)
  return { lower, upper: Math.ceil(position), weight: position - lower }
}

/** Interpolates like percentile_cont between the values of the bins holding both ranks. */
export const interpolate = (lowerBin: number, upperBin: number, weight: number) => {
  const low = binValue(lowerBin)
  return low + weight * (binValue(upperBin) - low)
}

/**
 * percentile_cont(p) of the latencies a sketch holds, estimated; null when it holds none.
 * Its bins must be ascending (mergeSketches sorts them).
 */
export function sketchPercentile({ bins, counts }: Sketch, p: number): number | null {
  const n = counts.reduce((sum, count) => sum + count, 0)
  if (n === 0) return null
  const { lower, upper, weight } = percentileRanks(p, n)
  const binAt = (rank: number) => {
    let seen = 0
    for (let i = 0; i < bins.length; i++) {
      seen += counts[i]
      if (seen > rank) return bins[i]
    }
    return bins[bins.length - 1]
  }
  return interpolate(binAt(lower), binAt(upper), weight)
}

export const PERCENTILES = [0.5, 0.95, 0.99] as const

export type Percentiles = { p50: number | null; p95: number | null; p99: number | null }

/** p50/p95/p99 (ms, to 0.1 ms) of a sketch; null when it holds nothing. */
export function sketchPercentiles(sketch: Sketch): Percentiles {
  const sorted = mergeSketches([sketch])
  const round = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10)
  return {
    p50: round(sketchPercentile(sorted, 0.5)),
    p95: round(sketchPercentile(sorted, 0.95)),
    p99: round(sketchPercentile(sorted, 0.99)),
  }
}
