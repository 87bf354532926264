import { z } from 'zod'
import {
  createDocument,
  type ZodOpenApiOperationObject,
  type ZodOpenApiPathsObject,
  type ZodOpenApiResponsesObject,
} from 'zod-openapi'
import type { RefusalStatus } from '../contracts/result'
import type { SliceContract } from '../http/contract'
import { PROBLEM_CONTENT_TYPE } from '../http/problem'

/** A route Nitro serves under /api, with the contract its slice declares. */
export interface ApiRoute {
  route: string
  method: string
  contract: SliceContract | undefined
}

/** RFC 9457 problem details, as every refusal and failure is answered. */
const problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
    code: z.string().optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details; `errors` names each invalid field.' })

const REFUSALS: Record<number, string> = {
  400: 'The input is invalid: `errors` names each field.',
  401: 'Not signed in (no valid bearer token or session cookie), or the credentials are wrong.',
  403: 'Signed in, but not allowed (or a cross-site request, or a missing CSRF header).',
  404: 'Not found.',
  409: 'Conflicts with the current state.',
  410: 'Gone.',
  413: 'The body is too large.',
  415: 'The body is not of a type this route takes.',
  422: 'Understood, but cannot be done.',
  429: 'Too many attempts: see Retry-After.',
}

const SUCCESS: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'Done; no body.',
  302: 'A redirect (Location).',
  303: 'A redirect to a page (Location).',
}

/** Nitro's `/api/v1/catalog/products/:slug` as OpenAPI writes it: `/api/v1/catalog/products/{slug}`. */
export const openApiPath = (route: string) => route.replace(/:([^/]+)/g, '{$1}')

/** The tag of a route: the module its prefix names (`/api/v1/catalog/…` → catalog), else the platform's. */
const tagOf = (route: string) => /^\/api\/v1\/([^/]+)\//.exec(route)?.[1] ?? 'platform'

function refusalsOf(contract: SliceContract): RefusalStatus[] {
  const implied: RefusalStatus[] = []
  if (contract.params || contract.query || contract.body) implied.push(400)
  if (contract.access !== 'public') implied.push(401)
  if (contract.access === 'admin' || contract.body || contract.upload) implied.push(403)
  if (contract.body) implied.push(413, 415)
  return [...new Set([...implied, ...(contract.refusals ?? [])])].sort()
}

function operationOf(route: string, contract: SliceContract): ZodOpenApiOperationObject {
  const status = contract.status ?? 200
  const responses: ZodOpenApiResponsesObject = {
    [`${status}`]: {
      description: SUCCESS[status] ?? 'OK',
      ...(contract.response ? { content: { 'application/json': { schema: contract.response } } } : {}),
    },
  }
  for (const refusal of refusalsOf(contract))
    responses[`${refusal}`] = {
      description: REFUSALS[refusal] ?? 'Refused.',
      content: { [PROBLEM_CONTENT_TYPE]: { schema: problem } },
    }
  const body = contract.body && {
    required: !contract.bodyOptional,
    content: {
      'application/json': { schema: contract.body },
      ...(contract.form ? { 'application/x-www-form-urlencoded': { schema: contract.body } } : {}),
    },
  }
  const upload = contract.upload && {
    required: true,
    content: Object.fromEntries(
      contract.upload.map((type) => [type, { schema: { type: 'string', format: 'binary' } as const }]),
    ),
  }
  return {
    tags: [tagOf(route)],
    summary: contract.summary,
    'x-access': contract.access,
    ...(contract.description ? { description: contract.description } : {}),
    ...(contract.access === 'public' ? {} : { security: [{ bearer: [] }, { session: [] }] }),
    ...(contract.params || contract.query
      ? {
          requestParams: {
            ...(contract.params ? { path: contract.params } : {}),
            ...(contract.query ? { query: contract.query } : {}),
          },
        }
      : {}),
    ...(body || upload ? { requestBody: body || upload } : {}),
    responses,
  }
}

/**
 * The API as an OpenAPI 3.1 document, from the routes Nitro serves and the schemas their slices
 * validate with. A route whose slice declares no contract is left out, and a test says so.
 */
export function openApiDocument(routes: readonly ApiRoute[], info: { title: string; version: string }) {
  const paths: ZodOpenApiPathsObject = {}
  for (const { route, method, contract } of routes) {
    if (!contract || method === 'all') continue
    const path = openApiPath(route)
    paths[path] = { ...paths[path], [method]: operationOf(route, contract) }
  }
  return createDocument({
    openapi: '3.1.0',
    info: {
      ...info,
      description:
        'Every error is RFC 9457 problem+json. Browsers use the session cookies that sign-in sets (state changes echo the CSRF cookie in `x-csrf-token`); other clients send `Authorization: Bearer <access token>`.',
    },
    paths,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        session: { type: 'apiKey', in: 'cookie', name: '__Host-shop-access' },
      },
    },
  })
}
