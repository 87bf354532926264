/**
 * The shop's one locale: British spelling ("colour"), euros, day-month-year dates. Ireland's English
 * puts the euro sign first ("€1,299.00") and writes "12 Apr 2026". Pages, emails and documents
 * format numbers, prices and dates with it, so nothing on a page reads in another locale.
 */
export const SHOP_LOCALE = 'en-IE'
