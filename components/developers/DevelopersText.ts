import { h, type FunctionalComponent } from 'vue'

/** A description from the API document: `code` between backticks shown as code, the rest as text. */
const DevelopersText: FunctionalComponent<{ text: string }> = ({ text }) =>
  text.split('`').map((part, index) => (index % 2 ? h('code', part) : part))
DevelopersText.props = ['text']

export default DevelopersText
