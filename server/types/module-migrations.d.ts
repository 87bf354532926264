declare module '#module-migrations' {
  import type { ModuleMigrations } from '../sql/migrate'

  const modules: ModuleMigrations[]
  export default modules
}
