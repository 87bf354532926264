import { LOW_STOCK_THRESHOLD, type Availability } from '../../contracts'

/** What a shopper is told of `available` units (on hand, less what orders hold). */
export function availabilityOf(available: number): Availability {
  if (available <= 0) return { state: 'out-of-stock' }
  if (available <= LOW_STOCK_THRESHOLD) return { state: 'low', left: available }
  return { state: 'in-stock' }
}

/** Whether a change from `before` to `after` units changes what a shopper is told. */
export function availabilityChanged(before: number, after: number): boolean {
  const [a, b] = [availabilityOf(before), availabilityOf(after)]
  return a.state !== b.state || (a.state === 'low' && b.state === 'low' && a.left !== b.left)
}
