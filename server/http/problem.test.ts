import { createError } from 'h3'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { problemFromError } from './problem'

describe('problemFromError', () => {
  it('turns zod issues into field errors', () => {
    const result = z.object({ email: z.email(), items: z.array(z.object({ qty: z.int().min(1) })) }).safeParse({
      email: 'no',
      items: [{ qty: 0 }],
    })
    const problem = problemFromError(result.error)
    expect(problem).toMatchObject({ status: 400, title: 'Bad Request' })
    expect(problem.errors?.map((e) => e.field)).toEqual(['email', 'items.0.qty'])
  })

  it('keeps the message of a deliberate 4xx', () => {
    expect(problemFromError(createError({ statusCode: 409, message: 'That email is taken.' }))).toEqual({
      type: 'about:blank',
      title: 'Conflict',
      status: 409,
      detail: 'That email is taken.',
    })
  })

  it.each([
    new Error('password=hunter2 leaked in a driver message'),
    'a string',
    createError({ statusCode: 500, message: 'db down: secret' }),
  ])('hides the details of an unexpected failure: %s', (error) => {
    const problem = problemFromError(error)
    expect(problem.status).toBe(500)
    expect(JSON.stringify(problem)).not.toMatch(/hunter2|secret|string/)
  })
})
