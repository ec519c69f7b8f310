// Formats the benchmark's figures as a plain-text table.

export type Status = 'met' | 'missed' | '';

export interface Row {
  measure: string;
  result: string;
  target: string;
  status: Status;
}

export function statusOf(met: boolean): Status {
  return met ? 'met' : 'missed';
}

/** Renders rows as an aligned table. A row with only `measure` set is a section heading. */
export function formatTable(rows: Row[]): string {
  const headings: Row = { measure: 'Measure', result: 'Result', target: 'Target', status: '' };
  const all = [headings, ...rows];
  const width = (key: keyof Row): number => Math.max(...all.map(row => row[key].length));
  const widths = { measure: width('measure'), result: width('result'), target: width('target') };
  const line = (row: Row): string =>
    `${row.measure.padEnd(widths.measure)}  ${row.result.padEnd(widths.result)}  ${row.target.padEnd(widths.target)}  ${row.status}`.trimEnd();
  const rule = '-'.repeat(widths.measure + widths.result + widths.target + 12);
  return [line(headings), rule, ...rows.map(row => (row.result || row.target ? line(row) : `\n${row.measure}`))].join('\n');
}

export function formatMs(ms: number): string {
  return Number.isFinite(ms) ? `${ms.toFixed(1)} ms` : 'n/a';
}

/** Formats bytes with decimal units (1 MB = 1,000,000 bytes), as the targets use them. */
export function formatBytes(bytes: number): string {
  return `${bytes.toLocaleString('en-US')} B (${(bytes / 1e6).toFixed(2)} MB)`;
}
