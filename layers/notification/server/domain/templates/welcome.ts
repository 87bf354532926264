import { action, paragraph, shopUrl, type Input, type Message, type TemplateContext } from './message'

export const welcome = (_: Input<'welcome'>, { shop }: TemplateContext): Message => ({
  subject: `Welcome to ${shop.name}`,
  blocks: [
    paragraph(`Thank you for creating an account at ${shop.name}.`),
    paragraph('From your account you can follow your orders and see everything you have bought.'),
    action('Start shopping', shopUrl(shop)),
  ],
})
