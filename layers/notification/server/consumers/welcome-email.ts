import type { z } from 'zod'
import type { Envelope } from '#kernel/contracts/messaging'
import type { MessageHandler } from '#kernel/messaging/handler'
import { UserRegistered } from '#layers/identity/contracts/events'
import { sendWelcome } from '../features/account-emails'
import type { Notification } from '../notification'

/** A new account, by password or a social sign-in, gets one welcome. */
export const welcomeEmailHandler = (notification: () => Promise<Notification>): MessageHandler => ({
  name: 'notification.welcome-email',
  messages: [UserRegistered],
  async handle(envelope: Envelope) {
    await sendWelcome(await notification(), envelope.id, envelope.payload as z.output<typeof UserRegistered.payload>)
  },
})
