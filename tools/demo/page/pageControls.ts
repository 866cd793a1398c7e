/**
 * What every demo trade page's app does around its chart: an interval toolbar, and symbol links
 * that navigate with history.pushState, as the exchanges' single-page apps do.
 */

/** TradingView resolutions the toolbars offer, with the labels the exchanges show. */
export const INTERVALS: [label: string, resolution: string][] = [
  ['1m', '1'], ['5m', '5'], ['15m', '15'], ['1H', '60'], ['4H', '240'], ['1D', '1D'],
];

/** Fills `toolbar` with one tab per interval; `select` is told the resolution clicked. */
export function intervalToolbar(toolbar: HTMLElement, selected: string, select: (resolution: string) => void): void {
  for (const [label, resolution] of INTERVALS) {
    const button = document.createElement('button');
    button.type = 'button';
    button.role = 'tab';
    button.textContent = label;
    button.setAttribute('aria-selected', String(resolution === selected));
    button.addEventListener('click', () => {
      for (const b of toolbar.children) b.setAttribute('aria-selected', String(b === button));
      select(resolution);
    });
    toolbar.append(button);
  }
}

/** Symbol links (`a[data-symbol]`) and the back button change the address in place; `changed` reacts. */
export function followSymbolLinks(changed: () => void): void {
  for (const link of document.querySelectorAll<HTMLAnchorElement>('a[data-symbol]')) {
    link.addEventListener('click', (event) => {
      event.preventDefault();
      history.pushState({}, '', link.href);
      changed();
    });
  }
  addEventListener('popstate', changed);
}
