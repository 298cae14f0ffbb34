// Plain-text tables and messages for billers at a terminal; --json gives the same data as JSON.

export function table(rows: ReadonlyArray<Record<string, string | number>>, columns: ReadonlyArray<[key: string, title: string]>): string {
  const widths = columns.map(([key, title]) => Math.max(title.length, ...rows.map((r) => String(r[key] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(columns.map(([, t]) => t)), line(widths.map((w) => '-'.repeat(w))), ...rows.map((r) => line(columns.map(([k]) => String(r[k] ?? ''))))].join('\n');
}

export class Progress {
  private readonly tty: boolean;
  private last = 0;

  constructor(
    private readonly label: string,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {
    this.tty = Boolean(stream.isTTY);
  }

  update(count: number): void {
    if (!this.tty) return;
    const now = Date.now();
    if (now - this.last < 100) return;
    this.last = now;
    this.stream.write(`\r${this.label}: ${count.toLocaleString('en-US')} rows`);
  }

  done(): void {
    if (this.tty && this.last > 0) this.stream.write('\n');
  }
}
