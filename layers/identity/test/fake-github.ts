import { createHash, randomUUID } from 'node:crypto'
import { createServer, type Server } from 'node:http'

export interface GitHubAccount {
  id: number
  login: string
  name: string | null
  emails: { email: string; primary: boolean; verified: boolean }[]
}

/**
 * A local stand-in for github.com and api.github.com that answers like them: the authorize
 * redirect, the token endpoint (client secret and PKCE S256 checked; JSON when asked), `/user`
 * and `/user/emails` behind the bearer token.
 */
export async function startFakeGitHub(clientId: string, clientSecret: string) {
  let nextAccount: GitHubAccount | undefined
  const codes = new Map<string, { challenge: string; redirectUri: string; account: GitHubAccount }>()
  const tokens = new Map<string, GitHubAccount>()
  const requests: { path: string; body?: Record<string, string> }[] = []

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url!, 'http://github.test')
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' })
      res.end(JSON.stringify(body))
    }
    if (req.method === 'GET' && url.pathname === '/login/oauth/authorize') {
      const q = url.searchParams
      if (q.get('client_id') !== clientId || q.get('code_challenge_method') !== 'S256' || !nextAccount)
        return json(400, { error: 'bad authorize request' })
      const code = randomUUID()
      codes.set(code, {
        challenge: q.get('code_challenge')!,
        redirectUri: q.get('redirect_uri')!,
        account: nextAccount,
      })
      const back = new URL(q.get('redirect_uri')!)
      back.searchParams.set('code', code)
      back.searchParams.set('state', q.get('state')!)
      res.writeHead(302, { location: back.href })
      return res.end()
    }
    if (req.method === 'POST' && url.pathname === '/login/oauth/access_token') {
      let raw = ''
      for await (const chunk of req) raw += chunk
      const body = Object.fromEntries(new URLSearchParams(raw))
      requests.push({ path: url.pathname, body })
      const grant = codes.get(body.code ?? '')
      codes.delete(body.code ?? '')
      const challenge = createHash('sha256')
        .update(body.code_verifier ?? '')
        .digest('base64url')
      // GitHub answers OAuth errors with 200 and an error member.
      if (body.client_id !== clientId || body.client_secret !== clientSecret)
        return json(200, { error: 'incorrect_client_credentials' })
      if (!grant || grant.challenge !== challenge || grant.redirectUri !== body.redirect_uri)
        return json(200, { error: 'bad_verification_code' })
      const token = `gho_${randomUUID().replace(/-/g, '')}`
      tokens.set(token, grant.account)
      return json(200, { access_token: token, token_type: 'bearer', scope: 'read:user,user:email' })
    }
    const account = tokens.get((req.headers.authorization ?? '').replace(/^Bearer /i, ''))
    if (!account) return json(401, { message: 'Requires authentication' })
    if (url.pathname === '/user') return json(200, { id: account.id, login: account.login, name: account.name })
    if (url.pathname === '/user/emails') return json(200, account.emails)
    json(404, { message: 'Not Found' })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    /** The account the next authorization signs in as. */
    signInAs: (account: GitHubAccount) => void (nextAccount = account),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
