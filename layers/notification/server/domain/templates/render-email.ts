import type { Email } from '../email'
import type { EmailTemplate, Recipient, Shop, TemplateName } from '../email-templates'
import { confirmEmail } from './confirm-email'
import { delivered } from './delivered'
import { formatsFor } from './format'
import { renderHtml, renderText } from './layout'
import type { Input, Message, TemplateContext } from './message'
import { orderCancelled } from './order-cancelled'
import { orderConfirmed } from './order-confirmed'
import { outOfStock } from './out-of-stock'
import { passwordReset } from './password-reset'
import { paymentFailed } from './payment-failed'
import { paymentTimedOut } from './payment-timed-out'
import { refundCompleted } from './refund-completed'
import { returnConfirmed } from './return-confirmed'
import { shipped } from './shipped'
import { welcome } from './welcome'

/**
 * The email `message` becomes for `recipient`: English text, amounts and dates in their locale
 * (the shop's when Intl cannot use theirs), every piece of their text escaped in the HTML part.
 */
export function renderEmail(shop: Shop, recipient: Recipient, message: EmailTemplate): Email {
  const written = compose(message, { shop, format: formatsFor(recipient.locale) })
  return {
    to: recipient.email,
    // One line whatever a name in it holds: a line break in a subject would start a new header.
    subject: written.subject.replace(/[\p{Cc}\s]+/gu, ' ').trim(),
    html: renderHtml(written, shop, recipient.firstName),
    text: renderText(written, shop, recipient.firstName),
  }
}

type Template<N extends TemplateName> = (message: Input<N>, context: TemplateContext) => Message

/** Every template by its name: a template added to `EmailTemplate` and not here fails the type-check. */
const TEMPLATES: { [N in TemplateName]: Template<N> } = {
  welcome,
  'confirm-email': confirmEmail,
  'password-reset': passwordReset,
  'order-confirmed': orderConfirmed,
  'payment-failed': paymentFailed,
  'out-of-stock': outOfStock,
  'payment-timed-out': paymentTimedOut,
  'order-cancelled': orderCancelled,
  shipped,
  delivered,
  'refund-completed': refundCompleted,
  'return-confirmed': returnConfirmed,
}

function compose<N extends TemplateName>(message: Input<N>, context: TemplateContext): Message {
  return (TEMPLATES[message.template] as Template<N>)(message, context)
}
