import { z } from 'zod'
import { parseConfig, urlWithProtocol } from '#kernel/config/settings'

export const notificationSettingsSchema = z.object({
  /** `SG.…`: email goes through SendGrid. Unset: into the mailbox table (`/admin/mailbox`). */
  sendgridApiKey: z
    .string()
    .regex(/^SG\.[\w.-]+$/, 'must be a SendGrid API key (SG.…)')
    .optional(),
  /** Another host that answers like SendGrid's v3 API (a test server); SendGrid's own when unset. */
  sendgridApiUrl: urlWithProtocol(['http:', 'https:']).optional(),
  /** The sender: a verified address of the shop's SendGrid account. */
  emailFrom: z.email().default('orders@larkspur.example'),
  /**
   * Waits before each retry of an email a provider turned away for now (429, 5xx, a timeout), in
   * milliseconds; after the last, the email is recorded as failed. Short in tests.
   */
  emailRetryDelaysMs: z
    .union([z.string(), z.number()])
    .transform((value) => String(value).split(',').map(Number))
    .pipe(z.array(z.int().min(0).max(86_400_000)).min(1).max(10))
    .default([10_000, 60_000, 300_000, 1_800_000, 7_200_000]),
  /** How written amounts and dates read when the customer's own locale is unknown. */
  defaultLocale: z.string().default('en-IE'),
})

export type NotificationSettings = z.output<typeof notificationSettingsSchema>

export const parseNotificationSettings = (raw: Record<string, unknown>): NotificationSettings =>
  parseConfig(notificationSettingsSchema, raw)
