/**
 * What the badge and the side panel share: a small pill placed at an offset from an anchor (the
 * chart pane's top-left, so it stays clear of the price axis and the newest candles, which are on
 * the right), that expands on click, can be dragged with the pointer or moved with the arrow keys
 * when focused (Shift: further), collapses with Escape, and reports where it was left so the
 * caller can keep that per site. Only the trader's own input counts: events a page script
 * synthesises (isTrusted false) are ignored.
 */
import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';

export interface Point {
  x: number;
  y: number;
}

/** A drag shorter than this is a click. */
const DRAG_PX = 4;
const KEY_STEP_PX = 10;
const KEY_STEP_FAR_PX = 50;
/** At least this much of the pill stays inside the window, wherever it is dragged. */
const KEEP_VISIBLE_PX = 40;

interface Props {
  class: string;
  label: string;
  anchor: { left: number; top: number };
  offset: Point;
  onMoved: (offset: Point) => void;
  /** The pill's content (always shown) and the rest (shown when expanded). */
  pill: ComponentChildren;
  children: ComponentChildren;
  /** Extra attributes for the root (data-state…). */
  data?: Record<string, string>;
}

export function Floating(props: Props) {
  const [expanded, setExpanded] = useState(false);
  const [dragged, setDragged] = useState<Point | null>(null);
  const drag = useRef<{ start: Point; from: Point; moved: boolean } | null>(null);
  const offset = dragged ?? props.offset;
  const left = clamp(props.anchor.left + offset.x, 0, window.innerWidth - KEEP_VISIBLE_PX);
  const top = clamp(props.anchor.top + offset.y, 0, window.innerHeight - KEEP_VISIBLE_PX);

  const onPointerDown = (e: PointerEvent) => {
    if (!e.isTrusted) return; // the page's synthetic events move nothing
    if (e.button !== 0) return;
    drag.current = { start: { x: e.clientX, y: e.clientY }, from: offset, moved: false };
    (e.currentTarget as HTMLElement).setPointerCapture(e.pointerId);
  };
  const onPointerMove = (e: PointerEvent) => {
    if (!e.isTrusted) return; // the page's synthetic events move nothing
    const d = drag.current;
    if (!d) return;
    const dx = e.clientX - d.start.x;
    const dy = e.clientY - d.start.y;
    if (!d.moved && Math.hypot(dx, dy) < DRAG_PX) return;
    d.moved = true;
    setDragged({ x: d.from.x + dx, y: d.from.y + dy });
  };
  const onPointerUp = (e: PointerEvent) => {
    if (!e.isTrusted) return;
    const d = drag.current;
    if (d?.moved && dragged) props.onMoved(dragged);
    // Keep the dragged place shown until the stored one comes back.
    if (!d?.moved) drag.current = null;
  };
  const onClick = (e: MouseEvent) => {
    if (!e.isTrusted) return;
    // A drag ends with a click event too: it is not a request to expand.
    if (drag.current?.moved) {
      drag.current = null;
      return;
    }
    drag.current = null;
    setExpanded(!expanded);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (!e.isTrusted) return; // the page's synthetic events move nothing
    const step = e.shiftKey ? KEY_STEP_FAR_PX : KEY_STEP_PX;
    const move = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] }[e.key];
    if (move) {
      e.preventDefault();
      const next = { x: offset.x + move[0]!, y: offset.y + move[1]! };
      setDragged(next);
      props.onMoved(next);
    } else if (e.key === 'Escape' && expanded) {
      setExpanded(false);
    }
  };
  // The stored offset caught up with the drag: follow it again.
  if (dragged && !drag.current && dragged.x === props.offset.x && dragged.y === props.offset.y) setDragged(null);

  return (
    <div class={`${props.class} liqlens-floating${expanded ? ' expanded' : ''}`} style={{ left: `${left}px`, top: `${top}px` }} {...props.data}>
      <button
        type="button"
        class="pill"
        aria-expanded={expanded}
        aria-label={props.label}
        title={`${props.label}: click to ${expanded ? 'collapse' : 'expand'}, drag or use the arrow keys to move`}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onClick={onClick}
        onKeyDown={onKeyDown}
      >
        {props.pill}
      </button>
      <div class="details" hidden={!expanded}>
        {props.children}
      </div>
    </div>
  );
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(Math.max(v, lo), Math.max(lo, hi));
}

export const FLOATING_CSS = `
.liqlens-floating {
  position: fixed; z-index: 2147483000; max-width: min(360px, 60vw);
  border-radius: 12px; border: 1px solid #2b3139; background: rgba(24, 26, 32, 0.92); color: #eaecef;
  font: 12px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; box-shadow: 0 2px 8px rgba(0, 0, 0, 0.4);
}
.liqlens-floating.expanded { border-radius: 6px; }
.liqlens-floating .pill {
  all: unset; box-sizing: border-box; display: flex; gap: 6px; align-items: baseline; padding: 2px 10px;
  cursor: grab; user-select: none; touch-action: none; white-space: nowrap; font: inherit; color: inherit;
}
.liqlens-floating .pill:focus-visible { outline: 2px solid #f0b90b; outline-offset: 1px; border-radius: 12px; }
.liqlens-floating .details { padding: 0 10px 6px; }
.liqlens-floating .details[hidden] { display: none; }
`;
