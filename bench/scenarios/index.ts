import type { Scenario } from '../harness'
import { amqpRaw, outbox, outboxRecovery, outboxRelay } from './outbox'
import { baseline, ssrStatic } from './reference'

/** Every scenario `npm run bench` knows, in run order. Later issues add theirs here. */
export const scenarios: Scenario[] = [baseline, ssrStatic, amqpRaw, outboxRelay, outbox, outboxRecovery]
