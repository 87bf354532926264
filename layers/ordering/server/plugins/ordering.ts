import { defineNitroPlugin, useRuntimeConfig } from 'nitropack/runtime'
import { InvalidSettingsError } from '#kernel/config/settings'
import { useInfrastructure } from '#kernel/infrastructure'
import { rootLogger } from '#kernel/log/logger'
import { registerHandler, registerOutbox } from '#kernel/messaging/messaging'
import { registerModule } from '#kernel/modules/registry'
import { ORDERING_CONTEXT, OrderingModule } from '../../contracts'
import { parseOrderingSettings } from '../config/ordering-settings'
import { checkoutSagaHandler } from '../consumers/checkout-saga'
import { clearPaidBasketHandler } from '../consumers/clear-paid-basket'
import { orderingModule } from '../module'
import { createOrdering, setOrdering, useOrdering } from '../ordering'

/** Ordering's start-up: its outbox joins the relay, the saga's consumers join the bus, its module is offered. */
export default defineNitroPlugin(() => {
  registerOutbox(ORDERING_CONTEXT)
  const log = rootLogger.child({ module: ORDERING_CONTEXT })
  const raw = useRuntimeConfig() as unknown as Record<string, unknown>
  let settings
  try {
    settings = parseOrderingSettings(raw)
  } catch (error) {
    if (!(error instanceof InvalidSettingsError)) throw error
    process.stderr.write(`${error.message}\n`)
    process.exit(78) // EX_CONFIG
  }
  const ordering = (async () =>
    createOrdering(await useInfrastructure(), { paymentTimeoutMs: settings.orderPaymentTimeoutSeconds * 1000 }, log))()
  ordering.catch((error: unknown) => {
    log.fatal({ err: error }, 'ordering could not start')
    process.exit(1)
  })
  setOrdering(ordering)
  registerModule(OrderingModule, orderingModule(ordering))
  registerHandler(checkoutSagaHandler(useOrdering))
  registerHandler(clearPaidBasketHandler(useOrdering))
})
