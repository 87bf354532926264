import { describe, expect, it } from 'vitest'
import type { PaymentStatus } from '../../contracts'
import type { ChargeState } from './gateway'
import { isSettled, nextStatus, refundable, statusAfterRefunds } from './payment-state'

const succeeded: ChargeState = { status: 'succeeded', intentId: 'pi_1' }
const failed: ChargeState = { status: 'failed', intentId: 'pi_1', code: 'card_declined' }
const action: ChargeState = { status: 'requires_action', intentId: 'pi_1', actionUrl: 'https://bank.test/3ds' }
const processing: ChargeState = { status: 'processing', intentId: 'pi_1' }

describe('payment state', () => {
  it.each([
    ['processing', succeeded, 'succeeded'],
    ['processing', failed, 'failed'],
    ['processing', action, 'requires_action'],
    ['requires_action', succeeded, 'succeeded'],
    ['requires_action', failed, 'failed'],
  ] as const)('moves %s on %o to %s', (from, state, to) => {
    expect(nextStatus(from, state)).toBe(to)
  })

  it.each([
    ['processing', processing],
    ['requires_action', action],
    ['requires_action', processing],
    ['succeeded', failed],
    ['succeeded', action],
    ['succeeded', succeeded],
    ['failed', succeeded],
    ['failed', action],
    ['partially_refunded', succeeded],
    ['refunded', failed],
  ] as const)('ignores, in %s, %o', (from, state) => {
    expect(nextStatus(from, state)).toBeUndefined()
  })

  it('calls settled exactly the statuses no charge event may move', () => {
    const all: PaymentStatus[] = [
      'processing',
      'requires_action',
      'succeeded',
      'failed',
      'partially_refunded',
      'refunded',
    ]
    expect(all.filter(isSettled)).toEqual(['succeeded', 'failed', 'partially_refunded', 'refunded'])
  })

  it('refunds only what was captured and is not yet refunded or being refunded', () => {
    expect(refundable({ status: 'succeeded', amount: 1000 }, 0)).toBe(1000)
    expect(refundable({ status: 'partially_refunded', amount: 1000 }, 600)).toBe(400)
    expect(refundable({ status: 'refunded', amount: 1000 }, 1000)).toBe(0)
    expect(refundable({ status: 'requires_action', amount: 1000 }, 0)).toBe(0)
    expect(refundable({ status: 'failed', amount: 1000 }, 0)).toBe(0)
    expect(statusAfterRefunds(1000, 400)).toBe('partially_refunded')
    expect(statusAfterRefunds(1000, 1000)).toBe('refunded')
  })
})
