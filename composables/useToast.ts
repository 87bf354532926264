import { shallowRef } from 'vue'

/**
 * Whether the page has shown a toast: the layout mounts the toaster (and loads its code) only
 * then, so a page that never toasts never pays for it. Set in the browser only, never while
 * rendering on the server, where a module's state would be shared by every request.
 */
export const toasterWanted = shallowRef(false)

export type ToastTone = 'info' | 'success' | 'error'

/** Announces something that just happened, without taking the shopper away from what they do. */
export function useToast() {
  return {
    async show(title: string, { description, tone = 'info' }: { description?: string; tone?: ToastTone } = {}) {
      if (import.meta.server) return
      const { toastManager } = await import('./toast-manager')
      toasterWanted.value = true
      toastManager.add({
        title,
        description,
        status: tone === 'error' ? 'error' : tone === 'success' ? 'success' : 'info',
        type: tone === 'error' ? 'foreground' : 'background',
      })
    },
  }
}
