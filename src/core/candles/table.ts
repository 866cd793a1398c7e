/** CSV with a header row, its columns found by name: the shape every generic parser starts from. */
import type { InputIssue } from '../types';
import { findColumn, splitCsvLines, type CsvLine } from './csv';

export interface ColumnSpec {
  /** Accepted header names, most preferred first; compared case-insensitively, `_` and space alike. */
  names: readonly string[];
  required: boolean;
}

export interface Table<K extends string> {
  header: CsvLine;
  /** Index of each column found; -1 for an optional column that is absent. */
  columns: Record<K, number>;
  /** Every data row, in source order. */
  rows: CsvLine[];
  /** Why a row cannot be read by column (its width differs from the header's), or null. */
  widthProblem(row: CsvLine): string | null;
}

/** The table, or the one issue that makes the whole text unreadable (empty, missing columns). */
export function readTable<K extends string>(
  text: string,
  specs: Record<K, ColumnSpec>,
): { table: Table<K>; issue?: undefined } | { table?: undefined; issue: InputIssue } {
  const lines = splitCsvLines(text);
  const header = lines[0];
  if (!header) return { issue: { line: 1, message: 'no data: the text is empty' } };
  const columns = {} as Record<K, number>;
  const missing: string[] = [];
  for (const key of Object.keys(specs) as K[]) {
    const spec = specs[key];
    columns[key] = findColumn(header.cells, spec.names);
    if (columns[key] < 0 && spec.required) {
      missing.push(spec.names.length === 1 ? key : `${key} (one of ${spec.names.join(', ')})`);
    }
  }
  if (missing.length > 0) {
    return { issue: { line: header.line, message: `missing column${missing.length > 1 ? 's' : ''}: ${missing.join('; ')}` } };
  }
  const width = header.cells.length;
  const widthProblem = (row: CsvLine): string | null =>
    row.cells.length === width ? null : `${row.cells.length} cells where the header has ${width}`;
  // Files of consecutive days concatenated repeat the header at each seam: that is not a bad row.
  const seam = header.cells.join(',');
  const rows = lines.slice(1).filter((row) => row.cells.join(',') !== seam);
  return { table: { header, columns, rows, widthProblem } };
}

/** The cell of an optional column, or undefined where the column is absent. */
export function cellAt(row: CsvLine, column: number): string | undefined {
  return column < 0 ? undefined : row.cells[column];
}
