/**
 * Most distinct items of a known array the analysis runs a loop body or a `forEach`/`map`/`filter` callback
 * for, one run per item; it is also the most entries a folder listing may have to be known (more would be
 * followed only in part), which the messages name.
 */
export const MAX_UNROLLED_ITEMS = 32;
