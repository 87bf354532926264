import * as oidc from 'openid-client'
import type { IdentitySettings } from '../config/identity-settings'

export const OAUTH_PROVIDERS = ['google', 'github'] as const
export type OAuthProviderName = (typeof OAUTH_PROVIDERS)[number]

/** Who the provider says signed in. Accounts are keyed by (issuer, subject), never by email alone. */
export interface ExternalProfile {
  issuer: string
  subject: string
  email: string | undefined
  emailVerified: boolean
  firstName: string
  lastName: string
}

export interface OAuthProvider {
  name: OAuthProviderName
  /** Google is OpenID Connect: an ID token with a nonce. GitHub is plain OAuth 2.0. */
  oidc: boolean
  scope: string
  configuration(): Promise<oidc.Configuration>
  profile(
    configuration: oidc.Configuration,
    tokens: oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers,
  ): Promise<ExternalProfile>
}

// Plain HTTP is only ever a local test server standing in for the provider.
const allowHttp = (url: string) => (new URL(url).protocol === 'http:' ? [oidc.allowInsecureRequests] : [])

const once = <T>(load: () => Promise<T>) => {
  let loaded: Promise<T> | undefined
  return () =>
    (loaded ??= load().catch((error: unknown) => {
      loaded = undefined // a provider outage must not be remembered forever
      throw error
    }))
}

function google(settings: IdentitySettings): OAuthProvider | undefined {
  const { googleClientId: clientId, googleClientSecret: secret, googleIssuer: issuer } = settings
  if (!clientId || !secret) return undefined
  return {
    name: 'google',
    oidc: true,
    scope: 'openid email profile',
    configuration: once(async () => {
      const config = await oidc.discovery(new URL(issuer), clientId, secret, undefined, { execute: allowHttp(issuer) })
      oidc.enableNonRepudiationChecks(config) // verify the ID token's signature against the provider's JWKS too
      return config
    }),
    async profile(config, tokens) {
      const claims = tokens.claims()!
      return {
        issuer: config.serverMetadata().issuer,
        subject: claims.sub,
        email: typeof claims.email === 'string' ? claims.email : undefined,
        emailVerified: claims.email_verified === true,
        firstName: typeof claims.given_name === 'string' ? claims.given_name : '',
        lastName: typeof claims.family_name === 'string' ? claims.family_name : '',
      }
    },
  }
}

interface GitHubUser {
  id: number
  login: string
  name: string | null
}
interface GitHubEmail {
  email: string
  primary: boolean
  verified: boolean
}

function github(settings: IdentitySettings): OAuthProvider | undefined {
  const { githubClientId: clientId, githubClientSecret: secret, githubWebUrl: web, githubApiUrl: api } = settings
  if (!clientId || !secret) return undefined
  return {
    name: 'github',
    oidc: false,
    scope: 'read:user user:email',
    configuration: once(async () => {
      const config = new oidc.Configuration(
        {
          issuer: web,
          authorization_endpoint: `${web}/login/oauth/authorize`,
          token_endpoint: `${web}/login/oauth/access_token`,
        },
        clientId,
        secret,
        oidc.ClientSecretPost(secret),
      )
      for (const apply of allowHttp(web)) apply(config)
      return config
    }),
    async profile(config, tokens) {
      const read = async <T>(path: string): Promise<T> => {
        const response = await oidc.fetchProtectedResource(config, tokens.access_token, new URL(`${api}${path}`), 'GET')
        if (!response.ok) throw new Error(`GitHub answered ${response.status} for ${path}`)
        return (await response.json()) as T
      }
      const [user, emails] = await Promise.all([read<GitHubUser>('/user'), read<GitHubEmail[]>('/user/emails')])
      // A verified address first (the primary one if it is); an unverified one only to say why it is refused.
      const primary =
        emails.find((email) => email.primary && email.verified) ??
        emails.find((email) => email.verified) ??
        emails.find((email) => email.primary)
      const [firstName = user.login, ...rest] = (user.name ?? user.login).split(' ')
      return {
        issuer: web,
        subject: String(user.id),
        email: primary?.email,
        emailVerified: primary?.verified === true,
        firstName,
        lastName: rest.join(' '),
      }
    },
  }
}

/** The providers whose client id and secret are configured; the pages show a button for each. */
export function configuredOAuthProviders(settings: IdentitySettings): Map<OAuthProviderName, OAuthProvider> {
  const providers = [google(settings), github(settings)].filter((p): p is OAuthProvider => p !== undefined)
  return new Map(providers.map((provider) => [provider.name, provider]))
}
