/**
 * Spreads `count` picks evenly over `total` positions: true for exactly `count` of the indices
 * 0..total-1. Used where a published figure fixes how many records have a property, so the number is
 * exact by construction rather than by luck of the draw.
 */
export function evenlyPicked(index: number, count: number, total: number): boolean {
  return Math.floor(((index + 1) * count) / total) > Math.floor((index * count) / total);
}

/** How many of the indices before `index` were picked. */
export function pickedBefore(index: number, count: number, total: number): number {
  return Math.floor((index * count) / total);
}
