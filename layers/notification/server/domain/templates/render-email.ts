import type { Email } from '../email'
import type { EmailTemplate, Recipient, Shop } from '../email-templates'
import { confirmEmail } from './confirm-email'
import { delivered } from './delivered'
import { formatsFor } from './format'
import { renderHtml, renderText } from './layout'
import type { Message, TemplateContext } from './message'
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

function compose(message: EmailTemplate, context: TemplateContext): Message {
  switch (message.template) {
    case 'welcome':
      return welcome(context)
    case 'confirm-email':
      return confirmEmail(message, context)
    case 'password-reset':
      return passwordReset(message, context)
    case 'order-confirmed':
      return orderConfirmed(message, context)
    case 'payment-failed':
      return paymentFailed(message, context)
    case 'out-of-stock':
      return outOfStock(message, context)
    case 'payment-timed-out':
      return paymentTimedOut(message, context)
    case 'order-cancelled':
      return orderCancelled(message, context)
    case 'shipped':
      return shipped(message, context)
    case 'delivered':
      return delivered(message, context)
    case 'refund-completed':
      return refundCompleted(message, context)
    case 'return-confirmed':
      return returnConfirmed(message, context)
  }
}
