import { v7 as uuidv7 } from 'uuid'
import type { z } from 'zod'
import { envelopeSchema, type Envelope, type MessageDefinition } from '../contracts/messaging'

export interface Causation {
  /** The message or request this one belongs to; a new conversation starts when absent. */
  correlationId?: string
  /** The message that caused this one. */
  causationId?: string | null
}

/** Wraps a payload for sending; the payload is validated so a bad message never enters the outbox. */
export function createEnvelope<Schema extends z.ZodType>(
  definition: MessageDefinition<string, Schema>,
  payload: z.input<Schema>,
  cause: Causation = {},
): Envelope<z.output<Schema>> {
  const id = uuidv7()
  return {
    id,
    type: definition.type,
    occurredAt: new Date().toISOString(),
    correlationId: cause.correlationId ?? id,
    causationId: cause.causationId ?? null,
    payload: definition.payload.parse(payload),
  }
}

/** The causation to pass on when handling `envelope` produces new messages. */
export const causedBy = (envelope: Envelope): Causation => ({
  correlationId: envelope.correlationId,
  causationId: envelope.id,
})

export class InvalidMessageError extends Error {
  override name = 'InvalidMessageError'
}

/** Parses bytes off the wire into an envelope whose payload matches the handler's schema. */
export function parseEnvelope(content: Buffer | string, definitions: MessageDefinition[]): Envelope {
  let raw: unknown
  try {
    raw = JSON.parse(content.toString())
  } catch {
    throw new InvalidMessageError('the message body is not JSON')
  }
  const envelope = envelopeSchema.safeParse(raw)
  if (!envelope.success) throw new InvalidMessageError(`invalid envelope: ${summarise(envelope.error)}`)
  const definition = definitions.find((d) => d.type === envelope.data.type)
  if (!definition) return envelope.data // wildcard subscribers (analytics) take any type
  const payload = definition.payload.safeParse(envelope.data.payload)
  if (!payload.success)
    throw new InvalidMessageError(`invalid ${envelope.data.type} payload: ${summarise(payload.error)}`)
  return { ...envelope.data, payload: payload.data }
}

const summarise = (error: z.ZodError) =>
  error.issues.map((issue) => `${issue.path.join('.') || '(root)'} ${issue.message}`).join('; ')
