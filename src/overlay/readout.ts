/**
 * The hover read-out: what a painted item is, in plain lines of text (the caller renders them
 * as text nodes, never as HTML). Each layer's module writes its own items' lines (paint/hover.ts).
 */
import type { OverlayScene } from './layers';
import { HOVER } from './paint/hover';
import type { ItemHover, PaintedItem, PaintedKind } from './paint/item';

/** The hover read-out for one painted item, as plain lines. */
export function describeItem(item: PaintedItem, scene: OverlayScene, now: number): string[] {
  // The table pairs each kind with its own layer's describe; TypeScript cannot follow that pairing through the lookup.
  return (HOVER[item.kind] as ItemHover<PaintedKind>).describe(item as never, scene, now);
}
