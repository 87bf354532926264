import { describe, expect, it } from 'vitest'
import { client, IDENTITY, identityTestbed, newAccount, realServicesAvailable } from './identity-app'

describe.skipIf(!realServicesAvailable)('the profile and its email (GET and PATCH /me, POST /confirm-email)', () => {
  const bed = identityTestbed()

  it('confirms an email with the mailed link, once', async () => {
    const account = newAccount('confirming')
    const shopper = client(bed.app)
    const { accessToken } = await (await shopper.request('POST', `${IDENTITY}/register`, { body: account })).json()
    const [mail] = await bed.app.mailTo(account.email, 'Confirm your email address')
    const token = /confirm-email\?token=([\w-]+)/.exec(mail!.text)![1]!
    expect((await shopper.request('POST', `${IDENTITY}/confirm-email`, { body: { token } })).status).toBe(204)
    expect((await shopper.request('POST', `${IDENTITY}/confirm-email`, { body: { token } })).status).toBe(400)
    expect(await (await shopper.request('GET', `${IDENTITY}/me`, { bearer: accessToken })).json()).toMatchObject({
      emailConfirmed: true,
    })
  })

  it('updates the profile (and its cache)', async () => {
    const shopper = client(bed.app)
    const { accessToken } = await (await shopper.request('POST', `${IDENTITY}/register`, { body: newAccount() })).json()
    await shopper.request('GET', `${IDENTITY}/me`, { bearer: accessToken }) // cached now
    const patched = await shopper.request('PATCH', `${IDENTITY}/me`, {
      bearer: accessToken,
      body: { lastName: 'Byron' },
    })
    expect(patched.status).toBe(200)
    expect(await (await shopper.request('GET', `${IDENTITY}/me`, { bearer: accessToken })).json()).toMatchObject({
      firstName: 'Ada',
      lastName: 'Byron',
    })
    const invalid = await shopper.request('PATCH', `${IDENTITY}/me`, { bearer: accessToken, body: { email: 'x@y.z' } })
    expect(invalid.status).toBe(400)
  })
})
