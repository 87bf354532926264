import type { AppProcess } from '#scripts/lib/app-process'

let clients = 0

/** A caller with its own address (X-Forwarded-For) and, in browser mode, a cookie jar. */
export function client(app: Pick<AppProcess, 'url'>, options: { browser?: boolean } = {}) {
  const ip = `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${++clients % 250}`
  const jar = new Map<string, string>()
  const csrfCookie = () => [...jar].find(([name]) => name.endsWith('shop-csrf'))?.[1]

  async function request(
    method: string,
    path: string,
    init: { body?: unknown; bearer?: string; headers?: Record<string, string> } = {},
  ): Promise<Response> {
    const headers: Record<string, string> = { 'x-forwarded-for': ip }
    if (init.body !== undefined) headers['content-type'] = 'application/json'
    if (init.bearer) headers.authorization = `Bearer ${init.bearer}`
    if (options.browser) {
      headers['sec-fetch-mode'] = 'cors'
      headers['sec-fetch-site'] = 'same-origin'
      headers['x-session'] = 'cookie'
      if (jar.size) headers.cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ')
      const csrf = csrfCookie()
      if (csrf) headers['x-csrf-token'] = csrf
    }
    const response = await fetch(`${app.url}${path}`, {
      method,
      headers: { ...headers, ...init.headers },
      body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
      redirect: 'manual',
    })
    for (const cookie of response.headers.getSetCookie()) {
      const [pair, ...attributes] = cookie.split(';')
      const [name, value] = pair!.split('=') as [string, string]
      if (attributes.some((a) => /max-age=0|expires=thu, 01 jan 1970/i.test(a.trim())) || value === '') jar.delete(name)
      else jar.set(name, value)
    }
    return response
  }

  return { ip, jar, request, csrfCookie }
}

export type Client = ReturnType<typeof client>
