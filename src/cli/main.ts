#!/usr/bin/env node
// ecm-claims: the command line beside the service. Thin: parse arguments, call app/, print.

import { createReadStream, existsSync, statSync } from 'node:fs';
import { createContext, type AppContext } from '../app/context.js';
import { AppError, describeStoreFailure } from '../app/errors.js';
import { listAudit, recordAudit } from '../app/audit.js';
import { userInfo } from 'node:os';
import { IMPORT_KINDS, importFile, type ImportKind, type ImportReport } from '../app/import-data.js';
import { buildClaims } from '../app/build-claims.js';
import { listClaims, showClaim } from '../app/claims.js';
import { createApiKey, listApiKeys, revokeApiKey, ROLES, type Role } from '../app/api-keys.js';
import { CLAIM_STATUSES, type ClaimStatus, type ValidationIssue } from '../domain/claim.js';
import { ClaimFormatSchema, type ClaimFormat } from '../domain/reference.js';
import { validateClaims } from '../app/validate-claims.js';
import { correctClaim } from '../app/correct-claim.js';
import { formatRowIssue } from '../intake/row-issue.js';
import { count, issueLines, print, Progress, table } from './output.js';
import { parse, UsageError, type Parsed } from './args.js';
import { batchCommands } from './commands/batches.js';
import { documentCommands } from './commands/documents.js';
import { remittanceCommands } from './commands/remittances.js';
import { runDemoCommand } from './commands/demo.js';
import { commandHelp, packageVersion, unknownCommand, USAGE, usageErrorText } from './usage.js';
import { jsonLogger } from '../app/logger.js';

// The usage text, and each command's lines in it, are in usage.ts.

function importText(report: ImportReport): string {
  const c = report.counts;
  const lines = [
    `Imported ${report.kind} from ${report.source} (import ${report.importId}): ${count(c.rowsRead, 'row')} read, ${c.inserted} new, ${c.updated} updated, ${c.unchanged} unchanged, ${c.rejected} rejected, ${count(c.warnings, 'warning')}.`,
  ];
  for (const issue of report.issues) lines.push(`  ${issue.severity === 'error' ? 'ERROR' : 'warning'} ${formatRowIssue(issue)}`);
  if (report.issuesTruncated) lines.push(`  ... more issues are stored with import ${report.importId}`);
  return lines.join('\n');
}

async function runImport(ctx: AppContext, p: Parsed): Promise<number> {
  const [, kind, file] = p.positionals;
  if (!kind || !IMPORT_KINDS.includes(kind as ImportKind) || !file) throw new UsageError('import needs a kind (organization, payers, staff, members, services) and a file');
  if (!existsSync(file) || !statSync(file).isFile()) throw new AppError('not_found', `file ${file} does not exist`);
  const progress = new Progress(`Importing ${kind}`);
  const report = await importFile(ctx, kind as ImportKind, createReadStream(file), { source: file, onProgress: (n) => progress.update(n) });
  progress.done();
  print(p.values.json, report, () => importText(report));
  return report.counts.rejected > 0 ? 4 : 0;
}

async function runClaims(ctx: AppContext, p: Parsed): Promise<number> {
  const sub = p.positionals[1];
  const { payer, period, json } = p.values;
  if (sub === 'build') {
    const report = await buildClaims(ctx, { payerId: payer, period });
    print(json, report, () => {
      const out = [`Build ${report.buildId}: ${count(report.counts.claims, 'claim')} (${report.counts.ready} ready, ${report.counts.draft} with errors), ${count(report.counts.rowsNotBilled, 'row')} not billable.`];
      if (report.claims.length > 0) out.push(claimTable(report.claims));
      for (const i of report.notBilled) out.push(`  not billed: ${i.message}`);
      return out.join('\n');
    });
    return 0;
  }
  if (sub === 'list') {
    const status = p.values.status;
    if (status !== undefined && !CLAIM_STATUSES.includes(status as ClaimStatus)) throw new UsageError(`--status ${status} is not a claim status (use ${CLAIM_STATUSES.join(', ')})`);
    const claims = listClaims(ctx, { payerId: payer, period, status: status as ClaimStatus | undefined, limit: 100_000 });
    print(json, claims, () => (claims.length === 0 ? 'No claims.' : claimTable(claims)));
    return 0;
  }
  if (sub === 'show') {
    const id = p.positionals[2];
    if (!id) throw new UsageError('claims show needs a claim id');
    const claim = showClaim(ctx, id);
    print(json, claim, () => {
      const out = [
        `Claim ${claim.id}  ${claim.status}  payer ${claim.payerId}  period ${claim.period}  format ${claim.format}${claim.formatReason ? ` (${claim.formatReason})` : ''}  frequency ${claim.frequency}`,
        `Member ${claim.memberCin}  place of service ${claim.placeOfService}  diagnoses ${claim.diagnoses.join(', ')}${claim.defaultDiagnosisUsed ? ' (payer default used)' : ''}`,
        `Total charge ${claim.totalCharge}`,
        '',
        table(
          claim.lines.map((l) => ({
            n: l.lineNumber,
            date: l.serviceDate,
            code: [l.code, ...l.modifiers].join(' '),
            pos: l.placeOfService,
            staff: l.renderingStaffId,
            minutes: l.minutes,
            units: l.units,
            rate: l.rate,
            charge: l.charge,
            dx: l.diagnosisPointers.join(','),
            rows: l.serviceIds.join(' '),
          })),
          [['n', '#'], ['date', 'Date'], ['code', 'Code'], ['pos', 'POS'], ['staff', 'Staff'], ['minutes', 'Minutes'], ['units', 'Units'], ['rate', 'Rate'], ['charge', 'Charge'], ['dx', 'Dx ptr'], ['rows', 'Source rows']],
        ),
      ];
      if (claim.issues.length > 0) {
        out.push('', 'Issues:');
        out.push(...issueLines(claim.issues));
      }
      return out.join('\n');
    });
    return 0;
  }
  if (sub === 'correct') {
    const id = p.positionals[2];
    const number = p.values['payer-claim-number'];
    if (!id || p.values.replace === p.values.void || !number) throw new UsageError('claims correct needs a claim id, --replace or --void, and --payer-claim-number');
    const claim = await correctClaim(ctx, { claimId: id, kind: p.values.replace ? 'replace' : 'void', payerClaimNumber: number });
    print(json, claim, () => `Created ${claim.frequency === '7' ? 'replacement' : 'void'} claim ${claim.id} for ${id} (payer claim ${number}): ${claim.status}, total ${claim.totalCharge}.`);
    return 0;
  }
  throw new UsageError('claims needs build, list, show or correct');
}

async function runValidate(ctx: AppContext, p: Parsed): Promise<number> {
  const format = p.values.format;
  if (format !== undefined && !ClaimFormatSchema.options.includes(format as ClaimFormat)) throw new UsageError(`--format ${format} is not a claim format (use ${ClaimFormatSchema.options.join(', ')})`);
  const report = await validateClaims(ctx, { payerId: p.values.payer, period: p.values.period, format: format as ClaimFormat | undefined });
  print(p.values.json, report, () => {
    const out = [`Validated ${count(report.counts.claims, 'claim')}: ${report.counts.ready} ready, ${report.counts.draft} with errors (${count(report.counts.errors, 'error')}, ${count(report.counts.warnings, 'warning')}).`];
    for (const c of report.claims) if (c.issues.length > 0) out.push(`${c.claimId} (${c.format}, ${c.status}):`, ...issueLines(c.issues));
    return out.join('\n');
  });
  return report.counts.draft > 0 ? 3 : 0;
}

function claimTable(claims: ReturnType<typeof listClaims>): string {
  return table(
    claims.map((c) => ({ ...c, issues: c.errorCount ? count(c.errorCount, 'error') : c.warningCount ? count(c.warningCount, 'warning') : '' })),
    [['id', 'Claim'], ['payerId', 'Payer'], ['memberCin', 'Member'], ['period', 'Period'], ['format', 'Format'], ['status', 'Status'], ['lineCount', 'Lines'], ['totalCharge', 'Total'], ['issues', 'Issues']],
  );
}

function runKeys(ctx: AppContext, p: Parsed): number {
  const sub = p.positionals[1];
  if (sub === 'create') {
    const role = p.values.role;
    if (!role) throw new UsageError(`keys create needs --role ${ROLES.join('|')}`);
    if (!ROLES.includes(role as Role)) throw new UsageError(`--role ${role} is not a role (use ${ROLES.join(', ')})`);
    const created = createApiKey(ctx, role as Role, p.values.label);
    print(p.values.json, created, () => `Created ${created.role} key ${created.keyId}. It is shown only now; store it safely:\n${created.key}`);
    return 0;
  }
  if (sub === 'list') {
    const keys = listApiKeys(ctx);
    print(p.values.json, keys, () =>
      keys.length === 0 ? 'No API keys.' : table(keys.map((k) => ({ ...k, label: k.label ?? '', revokedAt: k.revokedAt ?? '' })), [['keyId', 'Key'], ['role', 'Role'], ['label', 'Label'], ['createdAt', 'Created'], ['revokedAt', 'Revoked']]),
    );
    return 0;
  }
  if (sub === 'revoke') {
    const id = p.positionals[2];
    if (!id) throw new UsageError('keys revoke needs a key id');
    revokeApiKey(ctx, id);
    print(p.values.json, { revoked: id }, () => `Revoked key ${id}.`);
    return 0;
  }
  throw new UsageError('keys needs create, list or revoke');
}

type Handler = (ctx: AppContext, p: Parsed) => Promise<number> | number;

const runAudit: Handler = async (ctx, p) => {
  const entries = listAudit(ctx, { from: p.values.from, to: p.values.to });
  print(p.values.json, entries, () => (entries.length === 0 ? 'No audit entries.' : table(entries.map((e) => ({ ...e, role: e.role ?? '' })), [['at', 'When'], ['actor', 'Who'], ['role', 'Role'], ['action', 'Action'], ['target', 'Target'], ['outcome', 'Outcome']])));
  return 0;
};

/**
 * command name -> handler: a new command adds its entry here and its usage lines in usage.ts.
 * batchCommands comes after documentCommands so that its `export` is the one called: it does 837P
 * and 837I and hands cms1500 and invoice on to documentCommands.export.
 */
const COMMANDS: Readonly<Record<string, Handler>> = {
  ...documentCommands,
  ...remittanceCommands,
  ...batchCommands,
  import: runImport,
  claims: runClaims,
  validate: runValidate,
  keys: runKeys,
  audit: runAudit,
};

/** Reads (list, show, audit, keys list) are not audited from the CLI; everything else is. */
function isAuditedCommand(p: Parsed): boolean {
  const [command, sub] = p.positionals;
  if (!command || command === 'audit') return false;
  return !['list', 'show'].includes(sub ?? '');
}

function usageFailure(err: UsageError, command: string | undefined): number {
  process.stderr.write(usageErrorText(err, command));
  return 2;
}

/** The command word of arguments that could not be parsed: the first that is not an option. */
function commandIn(argv: readonly string[]): string | undefined {
  return argv.find((arg) => !arg.startsWith('-'));
}

async function main(argv: string[]): Promise<number> {
  let p: Parsed;
  try {
    p = parse(argv);
  } catch (err) {
    if (err instanceof UsageError) return usageFailure(err, commandIn(argv));
    throw err;
  }
  const command = p.positionals[0];
  if (p.values.version) {
    process.stdout.write(`ecm-claims ${packageVersion()}\n`);
    return 0;
  }
  if (!command) {
    // Not asked for, but what someone who typed only `ecm-claims` needs: exit 2 all the same.
    process.stdout.write(`${USAGE}\n`);
    return p.values.help ? 0 : 2;
  }
  if (p.values.help) {
    const help = commandHelp(command);
    if (help === undefined) return usageFailure(new UsageError(unknownCommand(command)), undefined);
    process.stdout.write(`${help}\n`);
    return 0;
  }
  if (command === 'serve') {
    const { startServer } = await import('../api/server.js');
    await startServer({ dbPath: p.values.db, port: p.values.port ? Number(p.values.port) : undefined, host: p.values.host });
    return -1;
  }
  let ctx: AppContext | undefined;
  let code = 1;
  try {
    // The demonstration opens its own database (a new file, moved into place when it is done).
    if (command === 'demo') return (code = await runDemoCommand(p));
    ctx = createContext({ dbPath: p.values.db, logger: process.env.ECM_LOG === 'json' ? jsonLogger() : undefined });
    const handler = COMMANDS[command];
    if (!handler) throw new UsageError(unknownCommand(command));
    code = await handler(ctx, p);
    return code;
  } catch (err) {
    if (err instanceof UsageError) return usageFailure(err, command);
    const storeFailure = describeStoreFailure(err);
    if (storeFailure) err = storeFailure;
    if (err instanceof AppError) {
      if (p.values.json) process.stdout.write(`${JSON.stringify({ error: err.message, details: err.details ?? null })}\n`);
      else process.stderr.write(`error: ${err.message}\n`);
      return 1;
    }
    // Unexpected failures: say what kind, never the data that caused it.
    process.stderr.write(`error: ${(err as Error).name ?? 'Error'}: the command failed unexpectedly${(err as { code?: string }).code ? ` (${(err as { code?: string }).code})` : ''}\n`);
    return 1;
  } finally {
    if (ctx && isAuditedCommand(p)) recordAudit(ctx, { actor: `cli:${userInfo().username}`, action: p.positionals.slice(0, 2).join(' '), target: p.positionals.slice(2).join(' ') || (p.values.payer ?? '-'), outcome: `exit ${code}` });
    ctx?.store.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  () => {
    process.exitCode = 1;
  },
);
