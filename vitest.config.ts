import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['{server,layers,packages,modules,scripts,test}/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    reporters: ['default', './test/support/summary-reporter.ts'],
    pool: 'forks',
    // Fault tests restart the shared RabbitMQ; files run one at a time so no other suite sees it.
    fileParallelism: false,
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
})
