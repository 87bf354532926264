import { z } from 'zod'
import { simulatedIntentId } from '../../contracts/api'

export const intentParams = z.object({ intent: simulatedIntentId })
