/**
 * What both browsers' test reaches into LiqLens's closed shadow roots share (tests/e2e/shadowReach.ts
 * over CDP, tests/firefox/shadowReach.ts over WebDriver BiDi): the hosts, and the reads each runs in
 * the page on an element it found in a root, as function source (each protocol sends source).
 */
export const OVERLAY_HOST = 'liqlens-overlay';
export const CHART_OVERLAY_HOST = 'liqlens-chart-overlay';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** `(el) => Box`: the element's box in the top page's CSS px, its (same-origin) frames' offsets added. */
export const BOX = `(el) => {
  const r = el.getBoundingClientRect();
  let x = r.left, y = r.top;
  for (let w = el.ownerDocument.defaultView; w && w.frameElement; w = w.parent) {
    const f = w.frameElement, fr = f.getBoundingClientRect(), s = getComputedStyle(f);
    x += fr.left + f.clientLeft + parseFloat(s.paddingLeft);
    y += fr.top + f.clientTop + parseFloat(s.paddingTop);
  }
  return { x, y, width: r.width, height: r.height };
}`;

/** `(el) => boolean`: Playwright's visibility: a non-empty box, not hidden by style or an undisplayed ancestor (the host included). */
export const VISIBLE = `(el) => {
  const r = el.getBoundingClientRect();
  return el.checkVisibility() && getComputedStyle(el).visibility === 'visible' && r.width > 0 && r.height > 0;
}`;

/** `(el) => string`: the text content normalised as Playwright's toHaveText(string) compares it. */
export const TEXT = "(el) => (el.textContent ?? '').replace(/[\\u200b\\u00ad]/g, '').replace(/[\\r\\n\\s\\t]+/g, ' ').trim()";
