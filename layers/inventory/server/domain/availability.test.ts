import { describe, expect, it } from 'vitest'
import { availabilityChanged, availabilityOf } from './availability'
import { inLockOrder, shortLinesOf } from './short-lines'
import { startingStockOf } from './starting-stock'

describe('availability', () => {
  it('tells shoppers in stock, only N left at 5 or fewer, or out of stock', () => {
    expect(availabilityOf(6)).toEqual({ state: 'in-stock' })
    expect(availabilityOf(5)).toEqual({ state: 'low', left: 5 })
    expect(availabilityOf(1)).toEqual({ state: 'low', left: 1 })
    expect(availabilityOf(0)).toEqual({ state: 'out-of-stock' })
    expect(availabilityOf(-2)).toEqual({ state: 'out-of-stock' })
  })

  it('changes when the state or the number of a low sku changes, not when plenty stays plenty', () => {
    expect(availabilityChanged(40, 39)).toBe(false)
    expect(availabilityChanged(6, 5)).toBe(true)
    expect(availabilityChanged(5, 4)).toBe(true)
    expect(availabilityChanged(1, 0)).toBe(true)
    expect(availabilityChanged(0, 0)).toBe(false)
  })
})

describe('short lines', () => {
  it('names each line there is too little of, counting an untracked sku as none', () => {
    const lines = [
      { sku: 'B', quantity: 2 },
      { sku: 'A', quantity: 5 },
      { sku: 'C', quantity: 1 },
    ]
    expect(
      shortLinesOf(
        lines,
        new Map([
          ['A', 4],
          ['B', 2],
        ]),
      ),
    ).toEqual([
      { sku: 'A', requested: 5, available: 4 },
      { sku: 'C', requested: 1, available: 0 },
    ])
    expect(inLockOrder(lines).map((line) => line.sku)).toEqual(['A', 'B', 'C'])
  })
})

describe('starting stock', () => {
  it('is none for a real shop, and for the demo the same per sku everywhere, with a few low or sold out', () => {
    const skus = Array.from({ length: 500 }, (_, n) => `DEMO-SKU-${n}`)
    expect(skus.every((sku) => startingStockOf(sku, 'none') === 0)).toBe(true)
    const counts = skus.map((sku) => startingStockOf(sku, 'demo'))
    expect(skus.map((sku) => startingStockOf(sku, 'demo'))).toEqual(counts)
    const out = counts.filter((n) => n === 0).length
    const low = counts.filter((n) => n >= 1 && n <= 5).length
    expect(out).toBeGreaterThan(5)
    expect(out).toBeLessThan(50)
    expect(low).toBeGreaterThan(15)
    expect(low).toBeLessThan(80)
    expect(Math.max(...counts)).toBeLessThan(150)
  })
})
