// `ecm-claims migrate --from FILE --to URL --org ID`: moving an organization up from SQLite to
// PostgreSQL. It opens both databases itself (like demo), so main makes no context for it.

import { moveToPostgres } from '../../app/organizations/move-up.js';
import { silentLogger } from '../../app/logger.js';
import { UsageError, type Parsed } from '../args.js';
import { print, table } from '../output.js';

export const migrateUsage = ['ecm-claims migrate --from SQLITE_FILE --to postgres://... --org ID [--from-org ID]'];

export async function runMigrateCommand(p: Parsed): Promise<number> {
  const { from, to, org } = p.values;
  if (!from || !to || !org) throw new UsageError('migrate needs --from SQLITE_FILE, --to postgres://... and --org ID');
  const report = await moveToPostgres({ from, to, org, ...(p.values['from-org'] ? { fromOrg: p.values['from-org'] } : {}) }, silentLogger);
  print(p.values.json, report, () =>
    [
      `Copied organization ${report.fromOrg} of ${from} into organization ${report.toOrg}; every count and total matches:`,
      table(report.tables.map((t) => ({ table: t.table, rows: String(t.rows), totals: Object.entries(t.totals).map(([k, v]) => `${k} ${v}`).join(', ') })), [['table', 'Table'], ['rows', 'Rows'], ['totals', 'Totals']]),
      `${from} is unchanged.`,
    ].join('\n'),
  );
  return 0;
}
