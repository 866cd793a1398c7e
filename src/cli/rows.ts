/** Mapping parsed rows back to the rows of their file, for commands that report row indices. */
import type { LinesRead } from './files';

/**
 * fileRow[k]: the 0-based data row (non-blank line after the header) of the k-th good row,
 * counting rejected rows too.
 */
export function rowIndexMap({ lines, blank }: LinesRead, rejectedLines: ReadonlySet<number>): number[] {
  const map: number[] = [];
  let dataRow = -2; // the first non-blank line is the header
  let run = 0;
  for (let n = 1; n <= lines; n++) {
    while (run < blank.length && blank[run]![1] < n) run++;
    if (run < blank.length && blank[run]![0] <= n) continue;
    dataRow++;
    if (dataRow >= 0 && !rejectedLines.has(n)) map.push(dataRow);
  }
  return map;
}
