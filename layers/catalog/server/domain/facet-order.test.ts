import { describe, expect, it } from 'vitest'
import { compareFacetValues } from './facet-order'

const sorted = (values: string[]) => [...values].sort(compareFacetValues)

describe('facet value order', () => {
  it.each([
    ['clothing sizes', ['XL', 'M', 'XXL', 'S', 'L', 'XS'], ['XS', 'S', 'M', 'L', 'XL', 'XXL']],
    ['shoe sizes', ['44', '38', '40', '36', '47', '41'], ['36', '38', '40', '41', '44', '47']],
    ['memory', ['16 GB', '8 GB', '64 GB', '32 GB'], ['8 GB', '16 GB', '32 GB', '64 GB']],
    [
      'storage across units',
      ['1 TB', '256 GB', '2 TB', '512 GB', '128 GB'],
      ['128 GB', '256 GB', '512 GB', '1 TB', '2 TB'],
    ],
    ['refresh rates', ['144 Hz', '60 Hz', '240 Hz', '120 Hz'], ['60 Hz', '120 Hz', '144 Hz', '240 Hz']],
    ['screens in inches', ['15.6"', '13.3"', '14"', '16"'], ['13.3"', '14"', '15.6"', '16"']],
    ['words', ['Navy', 'camel', 'Black', 'Ivory'], ['Black', 'camel', 'Ivory', 'Navy']],
  ])('puts %s in a natural order', (_, values, expected) => {
    expect(sorted(values)).toEqual(expected)
  })
})
