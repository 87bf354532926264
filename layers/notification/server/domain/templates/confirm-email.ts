import { action, paragraph, type Input, type Message, type TemplateContext } from './message'

export const confirmEmail = ({ link }: Input<'confirm-email'>, { shop }: TemplateContext): Message => ({
  subject: 'Confirm your email address',
  blocks: [
    paragraph(
      `Please confirm that this email address is yours, so that ${shop.name} can write to you about your orders.`,
    ),
    action('Confirm your email address', link),
    paragraph('The link works for 48 hours.'),
    paragraph('If you did not ask for this, ignore this email.'),
  ],
})
