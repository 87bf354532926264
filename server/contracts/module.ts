/**
 * How one module asks another for its in-process interface. A module's contracts/ declare the
 * interface and, under the same name, the token that stands for it at run time:
 *
 *   export interface CatalogModule { skus(skus: readonly string[]): Promise<Result<SkuSnapshot[]>> }
 *   export const CatalogModule = moduleToken<CatalogModule>('catalog')
 *
 * The module's composition root registers its implementation (`registerModule`), and any other
 * module resolves it by the token (`resolveModule`), never importing the implementation.
 */
export interface ModuleToken<T> {
  /** The module's name, which is also its schema, Redis prefix and URL prefix. */
  readonly module: string
  /** Carries the interface's type; never set. */
  readonly interface?: T
}

export const moduleToken = <T>(module: string): ModuleToken<T> => ({ module })
