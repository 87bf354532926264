// Identity's settings are plain environment variables too (AUTH_JWKS, ADMIN_EMAIL, GOOGLE_CLIENT_ID, …),
// validated at start-up by server/config/identity-settings.ts.
export default defineNuxtConfig({
  $meta: { name: 'identity' },
  nitro: { scheduledTasks: { '29 3 * * *': ['identity:cleanup'] } },
  runtimeConfig: {
    authJwks: '',
    adminEmail: '',
    adminPassword: '',
    passwordHashConcurrency: '',
    googleClientId: '',
    googleClientSecret: '',
    googleIssuer: '',
    githubClientId: '',
    githubClientSecret: '',
    githubWebUrl: '',
    githubApiUrl: '',
  },
})
