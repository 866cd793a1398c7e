/**
 * Which painted item the pointer is over. Thin lines and small bubbles get a few pixels of
 * slack; where items overlap, the higher rank wins (each layer's module gives its items' rank:
 * paint/item.ts says why the order is what it is).
 */
import { HOVER } from './paint/hover';
import { HIT, type PaintedItem } from './paint/item';

/** CSS px of slack around lines, markers and bubbles. */
export const HIT_TOLERANCE = 4;

/** Distance from the point to the item's shape: 0 inside, growing outside. */
function distance(item: PaintedItem, x: number, y: number): number {
  if (item.kind === 'print') {
    const cx = item.anchorX ?? item.x + item.w / 2;
    const cy = item.anchorY ?? item.y + item.h / 2;
    return Math.max(0, Math.hypot(x - cx, y - cy) - item.w / 2);
  }
  const dx = Math.max(item.x - x, 0, x - (item.x + item.w));
  const dy = Math.max(item.y - y, 0, y - (item.y + item.h));
  return Math.hypot(dx, dy);
}

/**
 * The item under (x, y) in pane CSS px, or null. Highest precedence first; among equals the
 * nearest, and among equally near ones the last painted (it is on top).
 */
export function hitTest(items: readonly PaintedItem[], x: number, y: number): PaintedItem | null {
  let best: PaintedItem | null = null;
  let bestRank = -1;
  let bestDistance = Infinity;
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i]!;
    const rank = HOVER[item.kind].hit;
    if (rank < bestRank) continue;
    const d = distance(item, x, y);
    if (d > (rank === HIT.point ? HIT_TOLERANCE : 0)) continue;
    if (rank > bestRank || d < bestDistance) {
      best = item;
      bestRank = rank;
      bestDistance = d;
    }
  }
  return best;
}
