import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A local HTTP server that answers the official SDK as Stripe's API does, for the calls the shop
 * makes: PaymentIntents (create, confirm, retrieve, cancel) and refunds (create, retrieve), with
 * Stripe's test payment methods, its error bodies, and its idempotency (a repeated key replays the
 * saved answer with `Idempotent-Replayed: true`; the same key with other parameters is an
 * `idempotency_error`; a key still in flight is a 409). Faults can be armed for the next request
 * matching a route: a slow answer (the request is carried out, the answer comes late) or a 5xx.
 */

export const FAKE_SECRET_KEY = 'sk_test_fakeStripeKey'

type Json = Record<string, unknown>
interface Answer {
  status: number
  body: Json
}
export interface Fault {
  /** `POST /v1/payment_intents`, `POST /v1/payment_intents/:id/confirm`, `POST /v1/refunds`, … */
  route: string
  slowMs?: number
  status?: number
}
export interface LoggedRequest {
  route: string
  idempotencyKey: string | undefined
  replayed: boolean
  status: number
}

const DECLINES: Record<string, string> = {
  pm_card_chargeDeclined: 'generic_decline',
  pm_card_visa_chargeDeclined: 'generic_decline',
  pm_card_chargeDeclinedInsufficientFunds: 'insufficient_funds',
}
const SUCCEEDS = new Set(['pm_card_visa', 'pm_card_mastercard'])
const AUTHENTICATES = new Set(['pm_card_authenticationRequired', 'pm_card_threeDSecure2Required'])

const newId = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`

/** Stripe's form encoding (`metadata[orderId]=…`) back into an object. */
function parseForm(body: string): Json {
  const out: Json = {}
  for (const [key, value] of new URLSearchParams(body)) {
    const nested = /^(\w+)\[(\w+)\]$/.exec(key)
    if (nested) ((out[nested[1]!] ??= {}) as Json)[nested[2]!] = value
    else out[key] = value
  }
  return out
}

const error = (status: number, fields: Json): Answer => ({ status, body: { error: fields } })

export async function startFakeStripe() {
  const intents = new Map<string, Json>()
  const refunds = new Map<string, Json>()
  const saved = new Map<string, { fingerprint: string; answer?: Answer }>()
  const faults: Fault[] = []
  const log: LoggedRequest[] = []
  /** How refunds answer: Stripe's card refunds are usually `succeeded` at once, some `pending`. */
  let refundStatus: 'succeeded' | 'pending' = 'succeeded'

  const unexpectedState = (intent: Json, action: string) =>
    error(400, {
      type: 'invalid_request_error',
      code: 'payment_intent_unexpected_state',
      message: `You cannot ${action} this PaymentIntent because it has a status of ${String(intent.status)}.`,
      payment_intent: intent,
    })

  const missing = (what: string, id: string) =>
    error(404, { type: 'invalid_request_error', code: 'resource_missing', message: `No such ${what}: '${id}'` })

  function createIntent(params: Json): Answer {
    const amount = Number(params.amount)
    if (!Number.isInteger(amount) || amount < 50)
      return error(400, {
        type: 'invalid_request_error',
        code: 'amount_too_small',
        param: 'amount',
        message: 'Amount must be at least 50 cents',
      })
    const intent: Json = {
      id: newId('pi'),
      object: 'payment_intent',
      amount,
      amount_received: 0,
      currency: String(params.currency),
      metadata: params.metadata ?? {},
      payment_method: params.payment_method ?? null,
      status: params.payment_method ? 'requires_confirmation' : 'requires_payment_method',
      last_payment_error: null,
      next_action: null,
      cancellation_reason: null,
      client_secret: `${newId('pi')}_secret_${randomBytes(8).toString('hex')}`,
      created: Math.floor(Date.now() / 1000),
      livemode: false,
      amount_refunded: 0,
    }
    intents.set(intent.id as string, intent)
    return { status: 200, body: intent }
  }

  function confirmIntent(intent: Json, params: Json): Answer {
    if (intent.status !== 'requires_confirmation' && intent.status !== 'requires_payment_method')
      return unexpectedState(intent, 'confirm')
    const method = String(params.payment_method ?? intent.payment_method ?? '')
    if (DECLINES[method]) {
      intent.status = 'requires_payment_method'
      intent.last_payment_error = {
        type: 'card_error',
        code: 'card_declined',
        decline_code: DECLINES[method],
        message: 'Your card was declined.',
      }
      return error(402, { ...(intent.last_payment_error as Json), payment_intent: intent })
    }
    if (AUTHENTICATES.has(method)) {
      intent.status = 'requires_action'
      intent.next_action = {
        type: 'redirect_to_url',
        redirect_to_url: {
          url: `https://hooks.stripe.com/3d_secure_2/hosted?payment_intent=${String(intent.id)}`,
          return_url: params.return_url,
        },
      }
      return { status: 200, body: intent }
    }
    if (!SUCCEEDS.has(method)) return missing('PaymentMethod', method)
    intent.status = 'succeeded'
    intent.amount_received = intent.amount
    return { status: 200, body: intent }
  }

  function cancelIntent(intent: Json, params: Json): Answer {
    if (!['requires_payment_method', 'requires_confirmation', 'requires_action'].includes(String(intent.status)))
      return unexpectedState(intent, 'cancel')
    intent.status = 'canceled'
    intent.cancellation_reason = params.cancellation_reason ?? null
    intent.next_action = null
    return { status: 200, body: intent }
  }

  function createRefund(params: Json): Answer {
    const intent = intents.get(String(params.payment_intent))
    if (!intent) return missing('payment_intent', String(params.payment_intent))
    if (intent.status !== 'succeeded')
      return error(400, {
        type: 'invalid_request_error',
        code: 'charge_not_captured',
        message: 'This PaymentIntent has no successful charge to refund.',
      })
    const left = Number(intent.amount_received) - Number(intent.amount_refunded)
    if (left === 0)
      return error(400, {
        type: 'invalid_request_error',
        code: 'charge_already_refunded',
        message: `Charge for ${String(intent.id)} has already been refunded.`,
      })
    const amount = params.amount === undefined ? left : Number(params.amount)
    if (amount > left)
      return error(400, {
        type: 'invalid_request_error',
        code: 'amount_too_large',
        param: 'amount',
        message: `Refund amount (${amount}) is greater than unrefunded amount on charge (${left})`,
      })
    intent.amount_refunded = Number(intent.amount_refunded) + amount
    const refund: Json = {
      id: newId('re'),
      object: 'refund',
      amount,
      currency: intent.currency,
      payment_intent: intent.id,
      status: refundStatus,
      failure_reason: null,
      created: Math.floor(Date.now() / 1000),
    }
    refunds.set(refund.id as string, refund)
    return { status: 200, body: refund }
  }

  function route(method: string, path: string, params: Json): { name: string; answer: () => Answer } {
    const intentPath = /^\/v1\/payment_intents\/([\w]+)(\/(confirm|cancel))?$/.exec(path)
    const refundPath = /^\/v1\/refunds\/([\w]+)$/.exec(path)
    if (method === 'POST' && path === '/v1/payment_intents')
      return { name: 'POST /v1/payment_intents', answer: () => createIntent(params) }
    if (method === 'POST' && path === '/v1/refunds')
      return { name: 'POST /v1/refunds', answer: () => createRefund(params) }
    if (intentPath) {
      const intent = intents.get(intentPath[1]!)
      const action = intentPath[3]
      const name = `${method} /v1/payment_intents/:id${action ? `/${action}` : ''}`
      if (!intent) return { name, answer: () => missing('payment_intent', intentPath[1]!) }
      if (method === 'GET' && !action) return { name, answer: () => ({ status: 200, body: intent }) }
      if (method === 'POST' && action === 'confirm') return { name, answer: () => confirmIntent(intent, params) }
      if (method === 'POST' && action === 'cancel') return { name, answer: () => cancelIntent(intent, params) }
    }
    if (refundPath && method === 'GET') {
      const refund = refunds.get(refundPath[1]!)
      return {
        name: 'GET /v1/refunds/:id',
        answer: () => (refund ? { status: 200, body: refund } : missing('refund', refundPath[1]!)),
      }
    }
    return {
      name: `${method} ${path}`,
      answer: () =>
        error(404, { type: 'invalid_request_error', message: `Unrecognized request URL (${method}: ${path})` }),
    }
  }

  const send = (response: ServerResponse, answer: Answer, headers: Record<string, string> = {}) => {
    response.writeHead(answer.status, { 'content-type': 'application/json', 'request-id': newId('req'), ...headers })
    response.end(JSON.stringify(answer.body))
  }

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const chunks: Buffer[] = []
    for await (const chunk of request) chunks.push(chunk as Buffer)
    const body = Buffer.concat(chunks).toString('utf8')
    const url = new URL(request.url!, 'http://stripe.test')
    if (request.headers.authorization !== `Bearer ${FAKE_SECRET_KEY}`)
      return send(response, error(401, { type: 'invalid_request_error', message: 'Invalid API Key provided' }))
    const { name, answer } = route(request.method!, url.pathname, parseForm(body))
    const key = request.headers['idempotency-key'] as string | undefined
    const fault = faults.findIndex((f) => f.route === name)
    const armed = fault >= 0 ? faults.splice(fault, 1)[0] : undefined
    const entry: LoggedRequest = { route: name, idempotencyKey: key, replayed: false, status: 0 }
    log.push(entry)

    if (armed?.status) {
      // A failure before anything was done: Stripe says a retry is safe.
      entry.status = armed.status
      return send(response, error(armed.status, { type: 'api_error', message: 'An unknown error occurred' }), {
        'stripe-should-retry': 'true',
      })
    }
    let result: Answer
    let replayed = false
    if (key && request.method === 'POST') {
      const fingerprint = `${name} ${body}`
      const earlier = saved.get(key)
      if (earlier && earlier.fingerprint !== fingerprint)
        result = error(400, {
          type: 'idempotency_error',
          message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
        })
      else if (earlier && !earlier.answer)
        result = error(409, {
          type: 'invalid_request_error',
          code: 'idempotency_key_in_use',
          message: 'There is currently another in-progress request using this Idempotent Key.',
        })
      else if (earlier) {
        result = earlier.answer!
        replayed = true
      } else {
        const slot: { fingerprint: string; answer?: Answer } = { fingerprint }
        saved.set(key, slot)
        result = answer()
        slot.answer = result
      }
    } else result = answer()
    entry.replayed = replayed
    entry.status = result.status
    // Done, but answered late: the caller gives up waiting and asks again with the same key.
    if (armed?.slowMs) await new Promise((resolve) => setTimeout(resolve, armed.slowMs))
    if (response.destroyed) return
    send(response, result, replayed ? { 'idempotent-replayed': 'true' } : {})
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((cause: unknown) => {
      response.writeHead(500)
      response.end(String(cause))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  return {
    url,
    log,
    intents,
    refunds,
    arm: (fault: Fault) => void faults.push(fault),
    answerRefundsWith: (status: 'succeeded' | 'pending') => void (refundStatus = status),
    /** Intents that took money: the count a double charge would raise. */
    charged: () => [...intents.values()].filter((intent) => intent.status === 'succeeded').length,
    /** The customer on Stripe's 3-D Secure page: the intent as it ends. */
    authenticate(intentId: string, passes: boolean) {
      const intent = intents.get(intentId)!
      intent.next_action = null
      if (passes) {
        intent.status = 'succeeded'
        intent.amount_received = intent.amount
      } else {
        intent.status = 'requires_payment_method'
        intent.last_payment_error = {
          type: 'invalid_request_error',
          code: 'payment_intent_authentication_failure',
          message: 'The provided PaymentMethod has failed authentication.',
        }
      }
      return structuredClone(intent)
    },
    /** A webhook event's body, as Stripe sends it. */
    event: (type: string, object: Json, id = newId('evt')) =>
      JSON.stringify({
        id,
        object: 'event',
        api_version: '2026-11-18.endive',
        created: Math.floor(Date.now() / 1000),
        livemode: false,
        pending_webhooks: 1,
        type,
        data: { object },
      }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

export type FakeStripe = Awaited<ReturnType<typeof startFakeStripe>>
