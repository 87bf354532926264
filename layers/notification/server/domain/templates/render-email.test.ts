import { describe, expect, it } from 'vitest'
import type { EmailTemplate, Money, OrderSummary, Recipient, Shop, TemplateName } from '../email-templates'
import { renderEmail } from './render-email'

const shop: Shop = { name: 'Harbour & Co', publicUrl: 'https://shop.example/' }
const eur = (amount: number): Money => ({ amount, currency: 'EUR' })

const order: OrderSummary = {
  id: '0b6f6a3e-6a1d-4d7e-9a57-2f1f5d3c9e10',
  number: 'A-1042',
  placedAt: '2026-04-12T10:00:00Z',
  lines: [
    { name: 'Linen shirt', variantName: 'Navy / M', quantity: 1, unitPrice: eur(1234), lineTotal: eur(1234) },
    { name: 'Canvas tote', variantName: null, quantity: 2, unitPrice: eur(500), lineTotal: eur(1000) },
  ],
  subtotal: eur(2234),
  shipping: eur(0),
  total: eur(2234),
}
const orderPage = `https://shop.example/account/orders/${order.id}`
const link = 'https://shop.example/confirm?token=abc&next=%2F'

const messages: Record<TemplateName, EmailTemplate> = {
  welcome: { template: 'welcome' },
  'confirm-email': { template: 'confirm-email', link },
  'password-reset': { template: 'password-reset', link },
  'order-confirmed': { template: 'order-confirmed', order },
  'payment-failed': { template: 'payment-failed', order, reason: 'Your card was declined.' },
  'out-of-stock': { template: 'out-of-stock', order },
  'payment-timed-out': { template: 'payment-timed-out', order },
  'order-cancelled': { template: 'order-cancelled', order },
  shipped: {
    template: 'shipped',
    order,
    carrier: 'An Post',
    trackingNumber: 'CX123IE',
    occurredAt: '2026-04-14T09:00:00Z',
  },
  delivered: { template: 'delivered', order, occurredAt: '2026-04-16T15:00:00Z' },
  'refund-completed': { template: 'refund-completed', order, refunded: eur(1234) },
  'return-confirmed': { template: 'return-confirmed', order },
}

const recipient = (locale: string, firstName = 'Ada'): Recipient => ({ email: 'ada@example.com', firstName, locale })
const all = Object.values(messages)
const cases = ['en-IE', 'de-DE'].flatMap((locale) => all.map((message) => [message.template, locale, message] as const))
const NBSP = '\u00a0'

describe('renderEmail', () => {
  it.each(cases)('renders %s in %s: greeting, link on its own line, a 600 px shell', (_, locale, message) => {
    const email = renderEmail(shop, recipient(locale), message)
    const url = 'link' in message ? message.link : 'order' in message ? orderPage : 'https://shop.example'

    expect(email.to).toBe('ada@example.com')
    expect(email.subject).not.toMatch(/[\r\n]/)
    expect(email.text.startsWith('Hello Ada,\n\n')).toBe(true)
    expect(email.text.split('\n')).toContain(url)
    expect(email.html).toMatch(/^<!doctype html>/)
    expect(email.html).toContain('max-width:600px')
    expect(email.html).toContain('Hello Ada,')
    expect(email.html).toContain(`href="${url.replaceAll('&', '&amp;')}"`)
    expect(email.html).not.toMatch(/<link|<style|class=/)
    expect(email.html).toContain('Harbour &amp; Co')
  })

  it.each([
    ['welcome', 'Welcome to Harbour & Co'],
    ['confirm-email', 'Confirm your email address'],
    ['password-reset', 'Reset your password'],
    ['order-confirmed', 'Order A-1042 confirmed'],
  ] as const)('gives %s the subject "%s"', (template, subject) => {
    expect(renderEmail(shop, recipient('en-IE'), messages[template]).subject).toBe(subject)
  })

  it.each([
    ['confirm-email', ['48 hours']],
    [
      'password-reset',
      [
        'set a new password',
        '30 minutes',
        'If you did not ask for this, ignore this email: your password stays as it is.',
      ],
    ],
    ['payment-failed', ['cancelled', 'Your card was declined.']],
    ['out-of-stock', ['ran out', 'Nothing was charged.']],
    ['payment-timed-out', ['not paid in time', 'Nothing was charged.']],
    ['order-cancelled', ['As you asked', 'refunded']],
    ['shipped', ['An Post', 'CX123IE', '14 April 2026']],
    ['delivered', ['16 April 2026']],
    ['refund-completed', ['€12.34']],
    ['return-confirmed', ['return']],
  ] as const)('says in %s, in both parts: %j', (template, phrases) => {
    const email = renderEmail(shop, recipient('en-IE'), messages[template])
    for (const phrase of phrases) {
      expect(email.text).toContain(phrase)
      expect(email.html).toContain(phrase)
    }
  })

  it('greets without a name when the first name is empty', () => {
    const email = renderEmail(shop, recipient('en-IE', ''), messages.welcome)
    expect(email.text.startsWith('Hello,\n')).toBe(true)
    expect(email.html).toContain('>Hello,<')
  })

  it.each([
    ['en-IE', ['€12.34', '€5.00', '€10.00', '€22.34', 'Free', '12 April 2026']],
    ['de-DE', [`12,34${NBSP}€`, `5,00${NBSP}€`, `10,00${NBSP}€`, `22,34${NBSP}€`, 'Free', '12. April 2026']],
  ])('writes the order confirmation amounts and date as %s reads them', (locale, expected) => {
    const email = renderEmail(shop, recipient(locale), messages['order-confirmed'])
    for (const text of expected) {
      expect(email.text).toContain(text)
      expect(email.html).toContain(text)
    }
    expect(email.text).toContain('Linen shirt, Navy / M\n1 × ')
    expect(email.text).toContain('Canvas tote\n2 × ')
  })

  it('writes a paid delivery as an amount', () => {
    const paid = { ...order, shipping: eur(495), total: eur(2729) }
    const email = renderEmail(shop, recipient('en-IE'), { template: 'order-confirmed', order: paid })
    expect(email.text).toContain('Delivery: €4.95')
    expect(email.text).toContain('Total: €27.29')
  })

  it.each([
    ['en-IE', 'JPY', 1234, 'JP¥1,234'],
    ['de-DE', 'JPY', 1234, `1.234${NBSP}¥`],
    ['en-IE', 'BHD', 1234, `BHD${NBSP}1.234`],
    ['de-DE', 'EUR', 123456789, `1.234.567,89${NBSP}€`],
  ])('writes amounts in %s by the currency’s minor unit (%s %i)', (locale, currency, amount, expected) => {
    const refunded = { amount, currency }
    const email = renderEmail(shop, recipient(locale), { template: 'refund-completed', order, refunded })
    expect(email.text).toContain(`We have refunded ${expected} `)
  })

  it('refuses an amount that is not in minor units', () => {
    const refunded = { amount: 12.34, currency: 'EUR' }
    expect(() => renderEmail(shop, recipient('en-IE'), { template: 'refund-completed', order, refunded })).toThrow(
      TypeError,
    )
  })

  it.each(['not a locale!', 'en_IE', '', 'zz-ZZ'])('falls back to en-IE for the locale %j', (locale) => {
    const email = renderEmail(shop, recipient(locale), messages['order-confirmed'])
    expect(email.text).toContain('Total: €22.34')
    expect(email.text).toContain('placed on 12 April 2026')
  })

  const evil = '<script>alert(1)</script>'
  const escaped = '&lt;script&gt;alert(1)&lt;/script&gt;'
  const evilOrder: OrderSummary = {
    ...order,
    lines: [{ ...order.lines[0]!, name: evil, variantName: `"><img src=x onerror=alert(1)>` }],
  }
  const evilMessages: EmailTemplate[] = [
    { template: 'order-confirmed', order: evilOrder },
    { template: 'payment-failed', order, reason: evil },
    { template: 'shipped', order, carrier: evil, trackingNumber: evil, occurredAt: '2026-04-14T09:00:00Z' },
    ...all,
  ]

  it.each(evilMessages.map((message) => [message.template, message] as const))(
    'escapes what customers and carriers wrote in the HTML of %s',
    (_, message) => {
      const email = renderEmail({ ...shop, name: evil }, recipient('en-IE', evil), message)
      expect(email.html).not.toMatch(/<script|<img/i)
      expect(email.html).toContain(`Hello ${escaped},`)
      expect(email.text).toContain(`Hello ${evil},`)
    },
  )

  it('keeps the escaped product name and variant in the order table', () => {
    const email = renderEmail(shop, recipient('en-IE'), { template: 'order-confirmed', order: evilOrder })
    expect(email.html).toContain(escaped)
    expect(email.html).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;')
    expect(email.text).toContain(evil)
  })

  it('refuses a link that is not a web address', () => {
    const message: EmailTemplate = { template: 'password-reset', link: 'javascript:alert(1)' }
    expect(() => renderEmail(shop, recipient('en-IE'), message)).toThrow(TypeError)
  })

  it('keeps the subject on one line', () => {
    const email = renderEmail({ ...shop, name: 'Harbour\r\nBcc: x@example.com' }, recipient('en-IE'), messages.welcome)
    expect(email.subject).toBe('Welcome to Harbour Bcc: x@example.com')
  })
})
