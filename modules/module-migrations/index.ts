import { defineNuxtModule } from '@nuxt/kit'
import { scanMigrationFiles } from './scan'

/**
 * Collects every layer's SQL migrations at build time into the virtual module
 * `#module-migrations`, which the kernel runs at start-up. The kernel stays ignorant of which
 * contexts exist; `npm run migrate` reads the same files through scan.ts.
 */
export default defineNuxtModule({
  meta: { name: 'module-migrations' },
  setup(_options, nuxt) {
    nuxt.hook('nitro:config', (config) => {
      config.virtual ??= {}
      config.virtual['#module-migrations'] = () => {
        const files = scanMigrationFiles(nuxt.options.rootDir)
        const imports = files.map((file, i) => `import * as m${i} from ${JSON.stringify(file.path)}`)
        const byModule = new Map<string, string[]>()
        files.forEach((file, i) => {
          byModule.set(file.module, [...(byModule.get(file.module) ?? []), `${JSON.stringify(file.name)}: m${i}`])
        })
        const entries = [...byModule].map(
          ([module, migrations]) => `{ module: ${JSON.stringify(module)}, migrations: { ${migrations.join(', ')} } }`,
        )
        return `${imports.join('\n')}\nexport default [${entries.join(', ')}]\n`
      }
    })
  },
})
