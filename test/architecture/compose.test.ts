import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'

const root = resolve(import.meta.dirname, '../..')
const compose = parse(readFileSync(resolve(root, 'compose.yaml'), 'utf8')) as {
  services: Record<string, { environment?: Record<string, string>; image?: string; healthcheck?: unknown }>
}
const settings = readFileSync(resolve(root, '.env.example'), 'utf8')

describe('compose.yaml', () => {
  it('runs every real service with a health check', () => {
    for (const service of ['postgres', 'mongo', 'redis', 'rabbitmq']) {
      expect(compose.services[service]?.image).toBeTruthy()
      expect(compose.services[service]?.healthcheck).toBeTruthy()
    }
  })

  it('points the app at every service, using only settings .env.example documents', () => {
    const environment = compose.services.app?.environment ?? {}
    expect(Object.keys(environment).sort()).toEqual([
      'ADMIN_EMAIL',
      'ADMIN_PASSWORD',
      'AMQP_URL',
      'AUTH_JWKS',
      'DATABASE_URL',
      'EMAIL_FROM',
      'MONGODB_URL',
      'PUBLIC_URL',
      'REDIS_URL',
      'SENDGRID_API_KEY',
      'STRIPE_PUBLISHABLE_KEY',
      'STRIPE_SECRET_KEY',
      'STRIPE_WEBHOOK_SECRET',
    ])
    for (const name of Object.keys(environment)) expect(settings).toMatch(new RegExp(`^${name}=`, 'm'))
  })
})
