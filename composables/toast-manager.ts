import { createToastManager } from 'reka-ui'

/** The page's one toast manager: loaded with the toaster when the first toast is shown. */
export const toastManager = createToastManager()
