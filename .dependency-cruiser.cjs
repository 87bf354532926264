/**
 * The architecture, as rules that fail `npm run lint`. See docs/adr/0002-layers-kernel-and-boundaries.md.
 * `npm run lint:boundaries` names the folders checked; test/architecture/boundaries.test.ts proves
 * every rule below rejects a deliberate violation, over the same folders.
 * @type {import('dependency-cruiser').IConfiguration}
 */

// Vue code that runs in the browser (and is rendered on the server), at the root and in every layer.
const APP_FOLDERS = '(pages|components|composables|stores|plugins|layouts|middleware)/'
const APP = ['^(app|error)\\.vue$', `^${APP_FOLDERS}`, `^layers/[^/]+/${APP_FOLDERS}`]
// Nitro code: the kernel and every layer's server/. The kernel's contracts/ are pure and shared.
const SERVER = '^(server|layers/[^/]+/server)/'
const KERNEL_CONTRACTS = '^server/contracts/'

module.exports = {
  forbidden: [
    {
      name: 'no-unresolvable',
      comment: 'Every import resolves: a mistyped alias would otherwise hide an import that escapes the rules.',
      severity: 'error',
      from: {},
      // Virtual modules that a local Nuxt module generates at build time.
      to: { couldNotResolve: true, pathNot: ['^#module-migrations$', '^#api-slices$'] },
    },
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
      from: { path: '^layers/[^/]+/contracts/', pathNot: '\\.test\\.ts$' },
      to: {
        pathNot: ['^layers/[^/]+/contracts/', '^server/contracts/', '(^|/)node_modules/zod/'],
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'kernel-contracts-stay-pure',
      comment: "server/contracts/ is imported by every context's contracts and by the browser: zod only.",
      severity: 'error',
      from: { path: '^server/contracts/', pathNot: '\\.test\\.ts$' },
      to: { pathNot: ['^server/contracts/', '(^|/)node_modules/zod/'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'kernel-knows-no-layer',
      comment: 'server/ is the shared kernel (database, Redis, bus, errors) and must not depend on any context.',
      severity: 'error',
      from: { path: '^server/' },
      to: { path: '^layers/' },
    },
    {
      name: 'app-never-imports-server',
      comment:
        "Pages, components, composables, stores and plugins run in the browser: a server module (or its types) is reached through the API, the page's payload or the layer's shared/.",
      severity: 'error',
      from: { path: APP },
      to: { path: SERVER, pathNot: KERNEL_CONTRACTS },
    },
    {
      name: 'server-never-imports-app',
      comment: "Server code knows nothing of Vue: what both sides need lives in the layer's shared/ or contracts/.",
      severity: 'error',
      from: { path: SERVER },
      to: { path: APP },
    },
    {
      name: 'shared-is-neutral',
      comment: "A layer's shared/ is used by its browser and its server code alike, so it depends on neither.",
      severity: 'error',
      from: { path: '^layers/[^/]+/shared/' },
      to: { path: [...APP, SERVER], pathNot: KERNEL_CONTRACTS },
    },
    {
      name: 'domain-is-plain',
      comment:
        'Domain rules are plain TypeScript, unit-testable without a server: their own domain, contracts, and the pure ' +
        'libraries zod and porter2 (the stemmer MongoDB text search uses), nothing else.',
      severity: 'error',
      from: { path: '^layers/([^/]+)/server/domain/', pathNot: '\\.test\\.ts$' },
      to: {
        pathNot: [
          '^layers/$1/server/domain/',
          '^layers/[^/]+/contracts/',
          '^server/contracts/',
          '(^|/)node_modules/zod/',
          '(^|/)node_modules/porter2/',
        ],
      },
    },
    {
      name: 'packages-stand-alone',
      comment: 'packages/ are libraries that could be published: they import their own code and npm packages only.',
      severity: 'error',
      from: { path: '^packages/([^/]+)/' },
      to: { pathNot: ['^packages/$1/', '(^|/)node_modules/'], dependencyTypesNot: ['core'] },
    },
    {
      name: 'no-circular',
      comment: 'A cycle of type-only imports (a schema file and the types inferred from it) has no run-time order.',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(\\.nuxt|\\.output)/' },
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
