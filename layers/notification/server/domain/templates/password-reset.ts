import { action, paragraph, type Input, type Message, type TemplateContext } from './message'

export const passwordReset = ({ link }: Input<'password-reset'>, { shop }: TemplateContext): Message => ({
  subject: 'Reset your password',
  blocks: [
    paragraph(
      `We were asked to reset the password of your ${shop.name} account. Open the link below to set a new password.`,
    ),
    action('Set a new password', link),
    paragraph('The link works for 30 minutes.'),
    paragraph('If you did not ask for this, ignore this email: your password stays as it is.'),
  ],
})
