import type { Scenario } from '../harness'
import { amqpRaw } from './amqp-raw'
import { outbox, outboxRelay } from './outbox'
import { outboxRecovery } from './outbox-recovery'
import { mongoFacets, mongoFindById } from './mongo-wire'
import { baseline, ssrStatic } from './reference'

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
]
