// SENDGRID_API_KEY, SENDGRID_API_URL, EMAIL_FROM, EMAIL_RETRY_DELAYS_MS and DEFAULT_LOCALE, validated at
// start-up by server/config/notification-settings.ts. Without an API key, email goes to the mailbox table.
export default defineNuxtConfig({
  $meta: { name: 'notification' },
  routeRules: { '/account/notifications': { headers: { 'cache-control': 'private, no-store' } } },
  nitro: {
    experimental: { websocket: true },
    scheduledTasks: { '*/15 * * * * *': ['notification:send-emails'] },
  },
  runtimeConfig: {
    sendgridApiKey: '',
    sendgridApiUrl: '',
    emailFrom: '',
    emailRetryDelaysMs: '',
    defaultLocale: '',
  },
})
