/** Mapping parsed candles back to the rows of their file, for commands that report row indices. */

/** fileRow[k]: the 0-based data row of the k-th good candle, counting rejected rows too. */
export function rowIndexMap(text: string, rejectedLines: Set<number>): number[] {
  const map: number[] = [];
  const lines = text.split(/\r?\n/);
  let dataRow = -1;
  for (let n = 2; n <= lines.length; n++) {
    if (lines[n - 1]!.trim() === '') continue;
    dataRow++;
    if (!rejectedLines.has(n)) map.push(dataRow);
  }
  return map;
}
