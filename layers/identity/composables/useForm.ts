import { nextTick, reactive, ref } from 'vue'
import { type FormProblem, problemOf } from '../stores/session'

export type FieldErrors<F extends string> = Partial<Record<F, string>>

export interface FieldSpec {
  /** Server errors about the field start with it. */
  label: string
  /** Why the field's value cannot be sent yet (the checks the server makes too), or nothing. */
  check: () => string | undefined
  /** The input's id, where it is not `<form>-<field>`. */
  id?: string
}

export interface SubmitOptions {
  /**
   * Runs once a failed call's problem is on the form, before the focus moves: to amend what the
   * form shows, or to leave the page.
   */
  failed?: (problem: FormProblem) => unknown
  /** Whether a field the server found wrong gets the focus, as one the page found wrong always does. */
  focusServerErrors?: boolean
}

/**
 * What an identity form shares: its field errors, the message for the whole form, whether a call is
 * under way, and one submission from the page's checks to the server's answer. Reactive, so that
 * templates (and IdentityForm's `form` prop) read `form.formError` without `.value`.
 */
export function useForm<F extends string>(form: string, specs: Record<F, FieldSpec>) {
  // In the order of the page: the first invalid one gets the focus.
  const fields = Object.keys(specs) as F[]
  const labels = Object.fromEntries(fields.map((name) => [name, specs[name].label]))
  const errors = ref<FieldErrors<F>>({})
  const formError = ref('')
  const submitting = ref(false)

  const idOf = (name: F) => specs[name].id ?? `${form}-${name}`

  /** FormField's props, but for its value and its kind. */
  const field = (name: F) => ({ id: idOf(name), name, label: specs[name].label, error: errors.value[name] })

  /** Checks one field again, as when the visitor leaves it: its error appears, changes or goes. */
  function checkField(name: F) {
    const problem = specs[name].check()
    if (problem) errors.value = { ...errors.value, [name]: problem }
    else if (errors.value[name]) errors.value = { ...errors.value, [name]: undefined }
  }

  async function focusFirstInvalid() {
    await nextTick()
    const first = fields.find((name) => errors.value[name])
    if (first) document.getElementById(idOf(first))?.focus()
  }

  /** The page's checks first; only when they all pass, `send`, whose failure the form then shows. */
  async function submit(send: () => Promise<unknown>, { failed, focusServerErrors = true }: SubmitOptions = {}) {
    formError.value = ''
    const found: FieldErrors<F> = {}
    for (const name of fields) {
      const problem = specs[name].check()
      if (problem) found[name] = problem
    }
    errors.value = found
    if (Object.keys(found).length) return focusFirstInvalid()
    submitting.value = true
    try {
      await send()
    } catch (error) {
      const problem = problemOf(error, labels)
      errors.value = problem.fieldErrors as FieldErrors<F>
      formError.value = problem.message
      await failed?.(problem)
      if (focusServerErrors) await focusFirstInvalid()
    } finally {
      submitting.value = false
    }
  }

  return reactive({ errors, formError, submitting, field, checkField, submit })
}
