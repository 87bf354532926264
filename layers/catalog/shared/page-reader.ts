import type { Result } from '#kernel/contracts/result'
import type { Availability } from '#layers/inventory/contracts'
import type { CategoryDto, HomeDto, ProductDto, ProductPageDto, ReviewPageDto, SearchPageDto } from '../contracts'
import type { CatalogJson } from './catalog-json'

/**
 * What the catalog pages read while rendering on the server: the features themselves, called
 * directly, so a page costs no HTTP request to its own API. On the client the same data comes
 * from `/api/v1/catalog/…`. Reads the catalog keeps as JSON text come with that text. The server
 * puts one on every request's context (`server/http/page-reader.ts`); pages know only this shape.
 */
export interface CatalogPageReader {
  home(): Promise<CatalogJson<HomeDto>>
  categories(): Promise<CategoryDto[]>
  product(slug: string): Promise<CatalogJson<ProductDto> | undefined>
  listing(categorySlug: string, query: Record<string, unknown>): Promise<Result<ProductPageDto>>
  search(q: string, query: Record<string, unknown>): Promise<Result<SearchPageDto>>
  reviews(slug: string, page: number): Promise<CatalogJson<ReviewPageDto> | undefined>
  /** Inventory's word on each sku (through its module), for the pages that sell them. */
  availability(skus: readonly string[]): Promise<Record<string, Availability>>
}
