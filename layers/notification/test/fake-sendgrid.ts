import { randomBytes } from 'node:crypto'
import { createServer, type ServerResponse } from 'node:http'

/** A mail as SendGrid's v3 API takes it (snake_case), parsed from the request body. */
export interface SendgridMail {
  personalizations: { to: { email: string; name?: string }[]; subject?: string }[]
  from: { email: string; name?: string }
  subject: string
  content: { type: string; value: string }[]
  [key: string]: unknown
}

/** What the next requests get instead of SendGrid's usual answer. */
export type FakeSendgridTrouble =
  | { status: 429; retryAfterSeconds?: number }
  /** A refusal with SendGrid's error list (a default one for the status when none is given). */
  | { status: 400 | 403 | 413 | 500; errors?: SendgridError[] }
  /** What a load balancer in front of SendGrid answers: HTML, not SendGrid's JSON. */
  | { status: 502 | 503 }
  /** Reads the request and never answers: the client's timeout is what ends it. */
  | { hang: true }

export interface SendgridError {
  message: string
  field: string | null
  help: string | null
}

/** SendGrid's messages for these statuses in its OpenAPI description of mail send. */
const REFUSALS = {
  400: 'invalid request',
  403: 'access forbidden',
  413: 'content too large',
  500: 'internal server error',
} as const

const HELP = 'http://sendgrid.com/docs/API_Reference/Web_API_v3/Mail/errors.html'

/**
 * A local stand-in for SendGrid's v3 mail send API (`POST /v3/mail/send`) that answers like it:
 * the bearer key checked (401), the body validated as SendGrid does for what this shop sends
 * (400 naming each field, with SendGrid's own wording), 202 with an empty body and an
 * `X-Message-Id` for a mail it accepts, and the `X-RateLimit-*` headers on every answer.
 * `failNext` makes the next requests answer 429, 400, 5xx, or hang.
 */
export async function startFakeSendgrid(apiKey: string) {
  const mails: SendgridMail[] = []
  const trouble: FakeSendgridTrouble[] = []
  let requests = 0
  let remaining = 600

  const server = createServer(async (req, res) => {
    requests++
    let raw = ''
    for await (const chunk of req) raw += chunk
    const next = trouble.shift()
    if (next && 'hang' in next) return
    const resetAt = Math.ceil(Date.now() / 60_000) * 60
    res.setHeader('X-RateLimit-Limit', '600')
    res.setHeader('X-RateLimit-Reset', String(resetAt))
    const errors = (status: number, list: SendgridError[]) => {
      res.writeHead(status, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ errors: list }))
    }
    const url = new URL(req.url!, 'http://sendgrid.test')
    if (url.pathname !== '/v3/mail/send') return errors(404, [{ message: 'not found', field: null, help: null }])
    if (req.method !== 'POST') return errors(405, [{ message: 'method not allowed', field: null, help: null }])
    const authorization = req.headers.authorization
    if (!authorization) return errors(401, [{ message: 'authorization required', field: null, help: null }])
    if (authorization !== `Bearer ${apiKey}`)
      return errors(401, [
        { message: 'The provided authorization grant is invalid, expired, or revoked', field: null, help: null },
      ])
    res.setHeader('X-RateLimit-Remaining', String(Math.max(0, --remaining)))
    if (next) return troubled(res, next, errors)
    let body: unknown
    try {
      body = JSON.parse(raw)
    } catch {
      return errors(400, [{ message: 'Bad Request', field: null, help: null }])
    }
    const problems = validate(body)
    if (problems.length) return errors(400, problems)
    mails.push(body as SendgridMail)
    accepted(res)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  return {
    url: `http://127.0.0.1:${port}`,
    /** Every mail accepted, in order. */
    mails,
    /** How many requests arrived, answered or not. */
    requests: () => requests,
    /** Answers the next `times` requests with this trouble instead. */
    failNext(next: FakeSendgridTrouble, times = 1) {
      for (let i = 0; i < times; i++) trouble.push(next)
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

function troubled(
  res: ServerResponse,
  trouble: Exclude<FakeSendgridTrouble, { hang: true }>,
  errors: (status: number, list: SendgridError[]) => void,
) {
  switch (trouble.status) {
    case 429:
      res.setHeader('X-RateLimit-Remaining', '0')
      if (trouble.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(trouble.retryAfterSeconds))
      return errors(429, [{ message: 'too many requests', field: null, help: null }])
    case 502:
    case 503:
      res.writeHead(trouble.status, { 'content-type': 'text/html' })
      return res.end(`<html><body><h1>${trouble.status}</h1></body></html>`)
    default:
      return errors(trouble.status, trouble.errors ?? [{ message: REFUSALS[trouble.status], field: null, help: null }])
  }
}

function accepted(res: ServerResponse) {
  // SendGrid's ids are 22 characters of URL-safe base64.
  res.writeHead(202, { 'X-Message-Id': randomBytes(16).toString('base64url') })
  res.end()
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
const isAddress = (value: unknown) =>
  isObject(value) && typeof value.email === 'string' && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.email)
const isFilled = (value: unknown) => typeof value === 'string' && value.length > 0

/** The checks SendGrid makes on what this shop sends, each with SendGrid's message and field. */
function validate(body: unknown): SendgridError[] {
  if (!isObject(body)) return [{ message: 'Bad Request', field: null, help: null }]
  const problems: SendgridError[] = []
  const { personalizations, from, subject, content } = body
  if (!Array.isArray(personalizations) || !personalizations.length)
    problems.push({
      message: 'The personalizations field is required and must have at least one personalization.',
      field: 'personalizations',
      help: `${HELP}#-Personalizations-Errors`,
    })
  else
    personalizations.forEach((personalization: unknown, i) => {
      const to = isObject(personalization) ? personalization.to : undefined
      if (!Array.isArray(to) || !to.length)
        return problems.push({
          message:
            'The to array is required for all personalization objects, and must have at least one email object with a valid email address.',
          field: `personalizations.${i}.to`,
          help: `${HELP}#message.personalizations.to`,
        })
      to.forEach((address: unknown, j) => {
        if (!isAddress(address))
          problems.push({
            message: 'Does not contain a valid address.',
            field: `personalizations.${i}.to.${j}.email`,
            help: `${HELP}#-Email-Address`,
          })
      })
    })
  if (!isObject(from) || !isFilled(from.email))
    problems.push({
      message:
        'The from object must be provided for every email send. It is an object that requires the email parameter, but may also contain a name parameter.  e.g. {"email" : "example@example.com"}  or {"email" : "example@example.com", "name" : "Example Recipient"}.',
      field: 'from.email',
      help: `${HELP}#message.from`,
    })
  else if (!isAddress(from))
    problems.push({ message: 'The from email does not contain a valid address.', field: 'from.email', help: null })
  const everyPersonalizationHasSubject =
    Array.isArray(personalizations) &&
    personalizations.length > 0 &&
    personalizations.every((p: unknown) => isObject(p) && isFilled(p.subject))
  if (!isFilled(subject) && !everyPersonalizationHasSubject)
    problems.push({
      message:
        'The subject is required. You can get around this requirement if you use a template with a subject defined or if every personalization has a subject defined.',
      field: 'subject',
      help: `${HELP}#message.subject`,
    })
  if (!Array.isArray(content) || !content.length)
    problems.push({
      message:
        'Unless a valid template_id is provided, the content parameter is required. There must be at least one defined content block. We typically suggest both text/plain and text/html blocks are included, but only one block is required.',
      field: 'content',
      help: `${HELP}#message.content`,
    })
  else
    content.forEach((block: unknown, i) => {
      if (!isObject(block) || !isFilled(block.type))
        problems.push({
          message: 'The content type must be a string at least one character in length.',
          field: `content.${i}.type`,
          help: `${HELP}#message.content.type`,
        })
      if (!isObject(block) || !isFilled(block.value))
        problems.push({
          message: 'The content value must be a string at least one character in length.',
          field: `content.${i}.value`,
          help: `${HELP}#message.content.value`,
        })
    })
  return problems
}
