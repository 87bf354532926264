/**
 * Follows a GET form by client-side navigation when JavaScript runs: the URL the browser would have
 * built, minus empty fields, without reloading the page. With JavaScript off the form submits itself.
 */
export function submitGetForm(event: Event) {
  const form = event.currentTarget
  if (!(form instanceof HTMLFormElement)) return
  event.preventDefault()
  const params = new URLSearchParams()
  for (const [name, value] of new FormData(form))
    if (typeof value === 'string' && value.trim()) params.append(name, value)
  const search = params.toString()
  return navigateTo(`${form.getAttribute('action') ?? window.location.pathname}${search ? `?${search}` : ''}`)
}
