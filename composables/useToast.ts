import { createToastManager } from 'reka-ui'

/**
 * The shop's toasts, shown by UiToaster in the layout. One manager for the page: toasts are added
 * from event handlers in the browser, never while rendering on the server, where a module's state
 * would be shared by every request.
 */
export const toastManager = createToastManager()

export type ToastTone = 'info' | 'success' | 'error'

/** Announces something that just happened, without taking the shopper away from what they do. */
export function useToast() {
  return {
    show(title: string, { description, tone = 'info' }: { description?: string; tone?: ToastTone } = {}) {
      if (import.meta.server) return
      toastManager.add({
        title,
        description,
        status: tone === 'error' ? 'error' : tone === 'success' ? 'success' : 'info',
        type: tone === 'error' ? 'foreground' : 'background',
      })
    },
  }
}
