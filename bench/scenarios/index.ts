import type { Scenario } from '../harness'
import { amqpRaw } from './amqp-raw'
import { checkout } from './checkout'
import { inventoryReserveHot, inventoryReserveSpread, sqlConditionalUpdate } from './inventory'
import { outbox, outboxRelay } from './outbox'
import { outboxRecovery } from './outbox-recovery'
import { mongoFacets, mongoFindById } from './mongo-wire'
import { argon2Verify, identityLogin, identityMe, pageDuringLoginFlood } from './identity'
import { baseline, ssrStatic } from './reference'
import { wsFanout } from './ws-fanout'
import { basketAdd, basketGet, productPageCachedPersonal, redisRoundTrip, redisRoundTripPost } from './basket'
import {
  catalogListingFacets,
  catalogProductApi,
  productChangeVisible,
  productPageBytes,
  productPageCached,
  productPageUncached,
} from './catalog'

/** Every scenario `npm run bench` knows, in run order. Later issues add theirs here. */
export const scenarios: Scenario[] = [
  baseline,
  ssrStatic,
  amqpRaw,
  outboxRelay,
  outbox,
  outboxRecovery,
  mongoFindById,
  mongoFacets,
  argon2Verify,
  identityLogin,
  identityMe,
  pageDuringLoginFlood,
  catalogProductApi,
  catalogListingFacets,
  productPageUncached,
  productPageCached,
  productPageBytes,
  productChangeVisible,
  redisRoundTrip,
  redisRoundTripPost,
  basketGet,
  basketAdd,
  productPageCachedPersonal,
  sqlConditionalUpdate,
  inventoryReserveHot,
  inventoryReserveSpread,
  checkout,
  wsFanout,
]
