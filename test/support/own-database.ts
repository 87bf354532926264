import pg from 'pg'
import { testServices } from './services'

/**
 * A new, empty Postgres database for one test, and its URL: for apps whose outbox must meet
 * nothing another app of this run wrote, as fault tests need. Named after the run's database
 * (`shop_test_<run id>_<name>`), so the run's teardown drops it with its own.
 */
export async function ownDatabase(name: string): Promise<string> {
  const services = testServices()
  const database = `shop_test_${services.runId}_${name}`
  const maintenance = new pg.Client({ connectionString: services.adminDatabaseUrl })
  await maintenance.connect()
  try {
    await maintenance.query(`drop database if exists ${database}`)
    await maintenance.query(`create database ${database}`)
  } finally {
    await maintenance.end()
  }
  return Object.assign(new URL(services.databaseUrl!), { pathname: `/${database}` }).toString()
}
