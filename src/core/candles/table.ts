/** CSV with a header row, its columns found by name: the shape every generic parser starts from. */
import type { InputIssue, ParseResult } from '../types';
import { findColumn, toCsvLine, type CsvLine, type LineParser } from './csv';
import type { OrderedCollector } from './validate';

export interface ColumnSpec {
  /** Accepted header names, most preferred first; compared case-insensitively, `_` and space alike. */
  names: readonly string[];
  required: boolean;
}

/** Index of each column found; -1 for an optional column that is absent. */
export type Columns<K extends string> = Record<K, number>;

/** The columns the header names, or the one issue that makes the whole text unreadable (missing columns). */
function readHeader<K extends string>(header: CsvLine, specs: Record<K, ColumnSpec>): { columns: Columns<K> } | { issue: InputIssue } {
  const columns = {} as Columns<K>;
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
  return { columns };
}

/**
 * A line-fed parser of a headed table: the first non-blank line is the header; each later row of
 * the header's width goes to `readRow`, which gives the row's value or why it is not one. Empty
 * text, or a header missing a required column, is one issue and no rows.
 */
export function tableParser<K extends string, T extends { time: number }>(
  specs: Record<K, ColumnSpec>,
  collector: OrderedCollector<T>,
  readRow: (row: CsvLine, columns: Columns<K>) => T | string,
): LineParser<T> {
  let columns: Columns<K> | undefined;
  let width = 0;
  let headerText = '';
  let fatal: InputIssue | undefined;
  return {
    push(raw, line) {
      if (fatal) return;
      const row = toCsvLine(raw, line);
      if (!row) return;
      if (!columns) {
        const header = readHeader(row, specs);
        if ('issue' in header) fatal = header.issue;
        else ({ columns } = header);
        width = row.cells.length;
        headerText = row.cells.join(',');
        return;
      }
      // Files of consecutive days concatenated repeat the header at each seam: that is not a bad row.
      if (row.cells.join(',') === headerText) return;
      if (row.cells.length !== width) return collector.reject(line, `${row.cells.length} cells where the header has ${width}`);
      const value = readRow(row, columns);
      if (typeof value === 'string') collector.reject(line, value);
      else collector.add(line, value);
    },
    result(): ParseResult<T> {
      if (fatal) return { rows: [], issues: [fatal] };
      if (!columns) return { rows: [], issues: [{ line: 1, message: 'no data: the text is empty' }] };
      return collector.result();
    },
  };
}

/** The cell of an optional column, or undefined where the column is absent. */
export function cellAt(row: CsvLine, column: number): string | undefined {
  return column < 0 ? undefined : row.cells[column];
}
