import type { Logger } from 'pino'
import type Stripe from 'stripe'
import type { Infrastructure } from '#kernel/infrastructure'
import type { PaymentSettings } from './config/payment-settings'
import type { PaymentGateway } from './domain/gateway'
import { paymentDb, type PaymentDb } from './infrastructure/database'
import { simulatedGateway, type SimulatedGateway } from './infrastructure/simulated-gateway'
import { stripeClient, stripeGateway } from './infrastructure/stripe-gateway'

/** Everything payment's features need, built once at start-up. */
export interface Payment {
  db: PaymentDb
  gateway: PaymentGateway
  /** Where the customer returns after authenticating: return paths are made absolute against it. */
  publicUrl: string
  /** Set when the simulated gateway takes the payments: its challenge page answers through it. */
  simulated?: SimulatedGateway
  /** Set when Stripe takes the payments: the webhook verifies with it. */
  stripe?: { client: Stripe; webhookSecret: string; publishableKey: string }
  log: Logger
}

export function createPayment(
  infrastructure: Pick<Infrastructure, 'sql'>,
  settings: PaymentSettings,
  publicUrl: string,
  log: Logger,
): Payment {
  const db = paymentDb(infrastructure.sql)
  if (settings.stripeSecretKey) {
    const client = stripeClient({ secretKey: settings.stripeSecretKey, apiUrl: settings.stripeApiUrl })
    return {
      db,
      gateway: stripeGateway(client),
      publicUrl,
      stripe: { client, webhookSecret: settings.stripeWebhookSecret!, publishableKey: settings.stripePublishableKey! },
      log,
    }
  }
  const simulated = simulatedGateway(db, publicUrl)
  return { db, gateway: simulated, simulated, publicUrl, log }
}

let current: Promise<Payment> | undefined

export const setPayment = (payment: Promise<Payment>) => void (current = payment)

/** The payment context this process started; slices and consumers await it (Nitro does not await plugins). */
export function usePayment(): Promise<Payment> {
  if (!current) throw new Error('the payment plugin has not started')
  return current
}
