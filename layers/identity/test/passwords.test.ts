import { describe, expect, it } from 'vitest'
import {
  ADMIN,
  client,
  expectNoSecretsInLog,
  IDENTITY,
  identityTestbed,
  newAccount,
  PASSWORD,
  realServicesAvailable,
} from './identity-app'

describe.skipIf(!realServicesAvailable)(
  'passwords: changed, forgotten, reset (POST /change-password, /forgot-password, /reset-password)',
  () => {
    const bed = identityTestbed()
    /** Every token and password the tests saw, for the log check at the end. */
    const secrets = new Set<string>([PASSWORD, ADMIN.password])

    it('changes a password only with the current one, ending every other session', async () => {
      const account = newAccount('changer')
      const laptop = client(bed.app)
      const phone = client(bed.app)
      const onLaptop = await (await laptop.request('POST', `${IDENTITY}/register`, { body: account })).json()
      const onPhone = await (
        await phone.request('POST', `${IDENTITY}/login`, { body: { email: account.email, password: PASSWORD } })
      ).json()

      const wrong = await laptop.request('POST', `${IDENTITY}/change-password`, {
        bearer: onLaptop.accessToken,
        body: { currentPassword: 'not my password', newPassword: 'a brand new passphrase' },
      })
      expect(wrong.status).toBe(400)
      expect((await wrong.json()).errors).toEqual([
        { field: 'currentPassword', message: 'is not your current password' },
      ])

      const changed = await laptop.request('POST', `${IDENTITY}/change-password`, {
        bearer: onLaptop.accessToken,
        body: { currentPassword: PASSWORD, newPassword: 'a brand new passphrase' },
      })
      expect(changed.status).toBe(204)
      expect((await laptop.request('GET', `${IDENTITY}/me`, { bearer: onLaptop.accessToken })).status).toBe(200)
      expect((await phone.request('GET', `${IDENTITY}/me`, { bearer: onPhone.accessToken })).status).toBe(401)
      expect(
        (await phone.request('POST', `${IDENTITY}/refresh`, { body: { refreshToken: onPhone.refreshToken } })).status,
      ).toBe(401)
      const oldPassword = await phone.request('POST', `${IDENTITY}/login`, {
        body: { email: account.email, password: PASSWORD },
      })
      expect(oldPassword.status).toBe(401)
    })

    it('resets a forgotten password through a single-use mailed link, ending every session', async () => {
      const account = newAccount('forgetful')
      const shopper = client(bed.app)
      const session = await (await shopper.request('POST', `${IDENTITY}/register`, { body: account })).json()

      const unknown = await client(bed.app).request('POST', `${IDENTITY}/forgot-password`, {
        body: { email: `nobody-${account.email}` },
      })
      const known = await shopper.request('POST', `${IDENTITY}/forgot-password`, { body: { email: account.email } })
      expect(known.status).toBe(202)
      expect(unknown.status).toBe(202)
      expect(await unknown.json()).toEqual(await known.json())

      // Asked twice: the first link must stop working once the second is used.
      await shopper.request('POST', `${IDENTITY}/forgot-password`, { body: { email: account.email } })
      const mails = await bed.app.mailTo(account.email, 'Reset your password', 2)
      expect(mails).toHaveLength(2)
      const earlier = /reset-password\?token=([\w-]+)/.exec(mails[0]!.text)![1]!
      const token = /reset-password\?token=([\w-]+)/.exec(mails[1]!.text)![1]!
      secrets.add(token).add(earlier)
      const lifetime = await bed.db.query(
        'select extract(epoch from expires_at - created_at) as seconds from identity.one_time_tokens where token_hash = sha256($1)',
        [Buffer.from(token)],
      )
      expect(Number(lifetime.rows[0].seconds)).toBeLessThanOrEqual(30 * 60) // short-lived
      expect(Buffer.from(token, 'base64url')).toHaveLength(32) // 256 bits
      const { rows } = await bed.db.query('select count(*) from identity.one_time_tokens where token_hash = $1', [
        Buffer.from(token),
      ])
      expect(Number(rows[0].count)).toBe(0) // stored hashed, never as sent

      const reset = await shopper.request('POST', `${IDENTITY}/reset-password`, {
        body: { token, newPassword: 'my recovered passphrase' },
      })
      expect(reset.status).toBe(204)
      expect((await shopper.request('GET', `${IDENTITY}/me`, { bearer: session.accessToken })).status).toBe(401)
      const replay = await shopper.request('POST', `${IDENTITY}/reset-password`, {
        body: { token, newPassword: 'another new passphrase' },
      })
      expect(replay.status).toBe(400)
      const older = await shopper.request('POST', `${IDENTITY}/reset-password`, {
        body: { token: earlier, newPassword: 'another new passphrase' },
      })
      expect(older.status).toBe(400)
      const login = await shopper.request('POST', `${IDENTITY}/login`, {
        body: { email: account.email, password: 'my recovered passphrase' },
      })
      expect(login.status).toBe(200)
      expect((await login.json()).user.emailConfirmed).toBe(true)
    })

    it('writes no password, token or mailed link to the log', () => expectNoSecretsInLog(bed.app, secrets))
  },
)
