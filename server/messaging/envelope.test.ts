import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { defineMessage } from '../contracts/messaging'
import { causedBy, createEnvelope, InvalidMessageError, parseEnvelope } from './envelope'
import { matchesBinding } from './handler'

const OrderCreated = defineMessage('ordering.order-created.v1', z.object({ orderId: z.uuid(), totalMinor: z.int() }))
const orderId = '01a20e00-0000-7000-8000-000000000001'

describe('envelopes', () => {
  it('starts a conversation, and carries it on to the messages it causes', () => {
    const first = createEnvelope(OrderCreated, { orderId, totalMinor: 1999 })
    expect(first).toMatchObject({ type: 'ordering.order-created.v1', correlationId: first.id, causationId: null })
    const next = createEnvelope(OrderCreated, { orderId, totalMinor: 1 }, causedBy(first))
    expect(next).toMatchObject({ correlationId: first.id, causationId: first.id })
    expect(next.id > first.id).toBe(true) // uuid v7: ordered by time
  })

  it('refuses to create a message whose payload breaks its contract', () => {
    expect(() => createEnvelope(OrderCreated, { orderId: 'nope', totalMinor: 1 })).toThrow()
  })

  it('refuses message types that are not <context>.<name>.v<n>', () => {
    expect(() => defineMessage('OrderCreated', z.object({}))).toThrow(/must look like/)
  })

  it.each([
    ['not JSON', '{', /not JSON/],
    ['no envelope', JSON.stringify({ hello: 1 }), /invalid envelope/],
    [
      'a bad payload',
      JSON.stringify({ ...createEnvelope(OrderCreated, { orderId, totalMinor: 1 }), payload: { orderId } }),
      /invalid ordering\.order-created\.v1 payload: totalMinor/,
    ],
  ])('rejects %s with the reason', (_case, content, reason) => {
    expect(() => parseEnvelope(content, [OrderCreated])).toThrow(InvalidMessageError)
    expect(() => parseEnvelope(content, [OrderCreated])).toThrow(reason)
  })
})

describe('matchesBinding (topic routing)', () => {
  it.each([
    ['ordering.order-created.v1', 'ordering.order-created.v1', true],
    ['ordering.*.v1', 'ordering.order-created.v1', true],
    ['ordering.*', 'ordering.order-created.v1', false],
    ['ordering.#', 'ordering.order-created.v1', true],
    ['#', 'payment.completed.v1', true],
    ['#.v1', 'payment.completed.v1', true],
    ['#.v2', 'payment.completed.v1', false],
    ['payment.#', 'ordering.order-created.v1', false],
  ])('%s matches %s: %s', (binding, type, expected) => {
    expect(matchesBinding(binding, type)).toBe(expected)
  })
})
