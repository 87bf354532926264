import { defineStore } from 'pinia'

/** State of the shop's frame (header, navigation) shared by the layout's components. */
export const useShellStore = defineStore('shell', {
  state: () => ({ menuOpen: false }),
  actions: {
    toggleMenu() {
      this.menuOpen = !this.menuOpen
    },
    closeMenu() {
      this.menuOpen = false
    },
  },
})
