/**
 * The architecture, as rules that fail `npm run lint`. See docs/adr/0002-layer-boundaries.md.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'layer-imports-only-contracts',
      comment: "A layer may use another layer only through its contracts/ (the module's public face).",
      severity: 'error',
      from: { path: '^layers/([^/]+)/' },
      to: { path: '^layers/[^/]+/', pathNot: ['^layers/$1/', '^layers/[^/]+/contracts/'] },
    },
    {
      name: 'contracts-stay-pure',
      comment:
        "contracts/ hold DTOs, event schemas and module interfaces: zod, other contracts and the kernel's server/contracts only.",
      severity: 'error',
      from: { path: '^layers/[^/]+/contracts/' },
      to: {
        pathNot: ['^layers/[^/]+/contracts/', '^server/contracts/', '(^|/)node_modules/zod/'],
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'kernel-contracts-stay-pure',
      comment: "server/contracts/ is imported by every context's contracts: zod only.",
      severity: 'error',
      from: { path: '^server/contracts/' },
      to: { pathNot: ['^server/contracts/', '(^|/)node_modules/zod/'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'kernel-knows-no-layer',
      comment: 'server/ is the shared kernel (database, Redis, bus, errors) and must not depend on any context.',
      severity: 'error',
      from: { path: '^(server|packages)/' },
      to: { path: '^layers/' },
    },
    {
      name: 'domain-is-framework-free',
      comment: 'Domain rules are plain TypeScript, unit-testable without a server.',
      severity: 'error',
      from: { path: '^layers/[^/]+/server/domain/' },
      to: { path: '(^|/)node_modules/(h3|nitropack|nuxt|#imports|kysely|mongodb|ioredis|amqplib)(/|$)' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(\\.nuxt|\\.output|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.depcruise.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.mts', '.js', '.mjs', '.vue', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
}
