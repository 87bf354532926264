/**
 * A seeded PRNG (mulberry32): the demo catalog must come out identical on every run and machine,
 * so tests, screenshots and links into the demo shop stay stable.
 */
export interface Random {
  /** A float in [0, 1). */
  next(): number
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number
  pick<T>(items: readonly T[]): T
  chance(probability: number): boolean
  /** `count` distinct items, kept in their original order (sizes and formats read naturally). */
  sample<T>(items: readonly T[], count: number): T[]
  /** Picks by relative weight, e.g. weighted(['a', 'b'], [3, 1]). */
  weighted<T>(items: readonly T[], weights: readonly number[]): T
}

export function seededRandom(seed: number): Random {
  let state = seed >>> 0
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1))
  const pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new Error('Cannot pick from an empty list')
    return items[int(0, items.length - 1)] as T
  }
  return {
    next,
    int,
    pick,
    chance: (probability) => next() < probability,
    sample: (items, count) => {
      const indexes = items.map((_, index) => index)
      for (let i = indexes.length - 1; i > 0; i--) {
        const j = int(0, i)
        ;[indexes[i], indexes[j]] = [indexes[j] as number, indexes[i] as number]
      }
      return indexes
        .slice(0, count)
        .sort((a, b) => a - b)
        .map((index) => items[index] as (typeof items)[number])
    },
    weighted: (items, weights) => {
      const total = weights.reduce((sum, weight) => sum + weight, 0)
      let roll = next() * total
      for (let i = 0; i < items.length; i++) {
        roll -= weights[i] ?? 0
        if (roll < 0) return items[i] as (typeof items)[number]
      }
      return items[items.length - 1] as (typeof items)[number]
    },
  }
}
