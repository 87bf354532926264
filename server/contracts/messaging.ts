import { z } from 'zod'

/**
 * The envelope every integration event and command travels in. Layers' contracts define their
 * messages with `defineMessage`; this file imports only zod, so contracts may depend on it.
 */
export const messageType = z
  .string()
  .regex(
    /^[a-z]+\.[a-z0-9-]+\.v[0-9]+$/,
    'must look like "<context>.<name>.v<version>", e.g. ordering.order-created.v1',
  )

export const envelopeSchema = z.object({
  id: z.uuid(),
  type: messageType,
  occurredAt: z.iso.datetime({ offset: true }),
  correlationId: z.uuid(),
  causationId: z.uuid().nullable(),
  payload: z.unknown(),
})

export type Envelope<Payload = unknown> = Omit<z.infer<typeof envelopeSchema>, 'payload'> & { payload: Payload }

export interface MessageDefinition<Type extends string = string, Schema extends z.ZodType = z.ZodType> {
  type: Type
  payload: Schema
}

export const defineMessage = <Type extends string, Schema extends z.ZodType>(
  type: Type,
  payload: Schema,
): MessageDefinition<Type, Schema> => ({ type: messageType.parse(type) as Type, payload })
