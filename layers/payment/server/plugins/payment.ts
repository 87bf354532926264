import { defineNitroPlugin, useRuntimeConfig } from 'nitropack/runtime'
import { PAYMENT_CONTEXT, PaymentModule } from '../../contracts'
import { settings } from '#kernel/config/runtime'
import { InvalidSettingsError } from '#kernel/config/settings'
import { registerRawBodyRoute } from '#kernel/http/body-rules'
import { useInfrastructure } from '#kernel/infrastructure'
import { rootLogger } from '#kernel/log/logger'
import { registerHandler, registerOutbox } from '#kernel/messaging/messaging'
import { registerModule } from '#kernel/modules/registry'
import { parsePaymentSettings } from '../config/payment-settings'
import { paymentCommandsHandler } from '../consumers/payment-commands'
import { STRIPE_WEBHOOK_MAX_BYTES, STRIPE_WEBHOOK_PATH } from '../http/stripe-webhook'
import { paymentModule } from '../module'
import { createPayment, setPayment, usePayment } from '../payment'

/** Payment's start-up: its outbox joins the relay, its consumer the bus, its module the registry. */
export default defineNitroPlugin(() => {
  registerOutbox(PAYMENT_CONTEXT)
  const log = rootLogger.child({ module: PAYMENT_CONTEXT })
  let paymentSettings
  try {
    paymentSettings = parsePaymentSettings(useRuntimeConfig() as unknown as Record<string, unknown>)
  } catch (error) {
    if (!(error instanceof InvalidSettingsError)) throw error
    process.stderr.write(`${error.message}\n`)
    process.exit(78) // EX_CONFIG
  }
  const payment = (async () => {
    const infrastructure = await useInfrastructure()
    return createPayment(infrastructure, paymentSettings, settings().publicUrl, log)
  })()
  payment.catch((error: unknown) => {
    log.fatal({ err: error }, 'payment could not start')
    process.exit(1)
  })
  setPayment(payment)
  registerRawBodyRoute(STRIPE_WEBHOOK_PATH, STRIPE_WEBHOOK_MAX_BYTES)
  registerModule(PaymentModule, paymentModule(payment, paymentSettings.stripePublishableKey))
  registerHandler(paymentCommandsHandler(usePayment))
})
