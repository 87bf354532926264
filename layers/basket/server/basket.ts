import type { Logger } from 'pino'
import { CatalogModule } from '#layers/catalog/contracts'
import type { Infrastructure } from '#kernel/infrastructure'
import { resolveModule } from '#kernel/modules/registry'
import { cartStore, type CartStore } from './infrastructure/cart-store'

/** Everything the basket's features need, built once at start-up. */
export interface Basket {
  carts: CartStore
  /** The catalog prices every line, through its module interface. */
  catalog: () => Promise<CatalogModule>
  /** Cookies carry `Secure` and the `__Host-` prefix when the shop is served over HTTPS. */
  secureCookies: boolean
  log: Logger
}

export function createBasket(
  infrastructure: Pick<Infrastructure, 'redis'>,
  options: { secureCookies: boolean },
  log: Logger,
): Basket {
  return {
    carts: cartStore(infrastructure.redis.client),
    catalog: () => resolveModule(CatalogModule),
    secureCookies: options.secureCookies,
    log,
  }
}

let current: Promise<Basket> | undefined

export const setBasket = (basket: Promise<Basket>) => void (current = basket)

/** The basket this process started; slices await it (Nitro does not await plugins). */
export function useBasket(): Promise<Basket> {
  if (!current) throw new Error('the basket plugin has not started')
  return current
}
