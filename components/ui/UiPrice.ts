import { h, type FunctionalComponent } from 'vue'
import type { Money } from '#layers/catalog/contracts'
import { decimalAmount, formatMoney } from '~/composables/money'

/**
 * A price as shoppers read it, with the machine-readable amount beside it in `<data>`. Functional:
 * it keeps no state, and a listing shows one per product card.
 */
const UiPrice: FunctionalComponent<{ money: Money }> = ({ money }) =>
  h('data', { class: 'price', value: decimalAmount(money) }, formatMoney(money))
UiPrice.props = ['money']

export default UiPrice
