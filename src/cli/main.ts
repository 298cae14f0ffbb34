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
import { batchFile, exportX12Batch, listBatches, X12_EXPORT_FORMATS, type X12ExportFormat } from '../app/export-batch.js';
import { validateClaims } from '../app/validate-claims.js';
import { correctClaim } from '../app/correct-claim.js';
import { formatRowIssue } from '../intake/row-issue.js';
import { issueLines, print, Progress, table, writeAtomically } from './output.js';
import { parse, UsageError, type Parsed } from './args.js';
import { documentCommands, documentUsage } from './commands/documents.js';
import { remittanceCommands, remittanceUsage } from './commands/remittances.js';
import { jsonLogger } from '../app/logger.js';

const USAGE = `ecm-claims: ECM service time -> claims

Usage:
  ecm-claims import organization|payers|staff|members|services <file>
  ecm-claims claims build [--payer ID] [--period YYYY-MM]
  ecm-claims claims list [--payer ID] [--period YYYY-MM] [--status STATUS]
  ecm-claims claims show <claim-id>
  ecm-claims claims correct <claim-id> --replace|--void --payer-claim-number X
  ecm-claims validate [--payer ID] [--period YYYY-MM] [--format 837p|837i|cms1500|invoice]
  ecm-claims export 837p|837i --payer ID [--period YYYY-MM] --out FILE   (an X12 file for the clearinghouse)
  ecm-claims batches list [--payer ID]
  ecm-claims batches file <batch-id> --out FILE
  ecm-claims keys create --role admin|billing|finance [--label TEXT]
  ecm-claims keys list
  ecm-claims keys revoke <key-id>
  ecm-claims audit [--from ISO-TIME] [--to ISO-TIME]
  ecm-claims serve [--port 8080] [--host 127.0.0.1]

${[...documentUsage, ...remittanceUsage].map((l) => `  ${l}`).join('\n')}

Options on every command:
  --db PATH   the SQLite file (default ./data/ecm.db, or $ECM_DB)
  --json      print JSON instead of text

Exit codes: 0 done; 1 error; 2 usage; 3 some claims have errors (held back or left draft);
4 import finished but some rows were rejected.`;

function importText(report: ImportReport): string {
  const c = report.counts;
  const lines = [
    `Imported ${report.kind} from ${report.source} (import ${report.importId}): ${c.rowsRead} rows read, ${c.inserted} new, ${c.updated} updated, ${c.unchanged} unchanged, ${c.rejected} rejected, ${c.warnings} warnings.`,
  ];
  for (const issue of report.issues) lines.push(`  ${issue.severity === 'error' ? 'ERROR' : 'warning'} ${formatRowIssue(issue)}`);
  if (report.issuesTruncated) lines.push(`  ... more issues are stored with import ${report.importId}`);
  return lines.join('\n');
}

async function runImport(ctx: AppContext, p: Parsed): Promise<number> {
  const [, kind, file] = p.positionals;
  if (!kind || !IMPORT_KINDS.includes(kind as ImportKind) || !file) throw new UsageError('import needs a kind (organization, payers, staff, members, services) and a file');
  if (!existsSync(file) || !statSync(file).isFile()) throw new AppError('not_found', `file ${file} does not exist`);
  const progress = new Progress(`importing ${kind}`);
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
      const out = [`Build ${report.buildId}: ${report.counts.claims} claims (${report.counts.ready} ready, ${report.counts.draft} with errors), ${report.counts.rowsNotBilled} rows not billable.`];
      if (report.claims.length > 0) out.push(claimTable(report.claims));
      for (const i of report.notBilled) out.push(`  not billed: ${i.message}`);
      return out.join('\n');
    });
    return 0;
  }
  if (sub === 'list') {
    const status = p.values.status;
    if (status !== undefined && !CLAIM_STATUSES.includes(status as ClaimStatus)) throw new UsageError(`--status must be one of ${CLAIM_STATUSES.join(', ')}`);
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
  if (format !== undefined && !ClaimFormatSchema.options.includes(format as ClaimFormat)) throw new UsageError(`--format must be one of ${ClaimFormatSchema.options.join(', ')}`);
  const report = await validateClaims(ctx, { payerId: p.values.payer, period: p.values.period, format: format as ClaimFormat | undefined });
  print(p.values.json, report, () => {
    const out = [`Validated ${report.counts.claims} claims: ${report.counts.ready} ready, ${report.counts.draft} with errors (${report.counts.errors} errors, ${report.counts.warnings} warnings).`];
    for (const c of report.claims) if (c.issues.length > 0) out.push(`${c.claimId} (${c.format}, ${c.status}):`, ...issueLines(c.issues));
    return out.join('\n');
  });
  return report.counts.draft > 0 ? 3 : 0;
}

async function runExport(ctx: AppContext, p: Parsed): Promise<number> {
  const format = p.positionals[1];
  const { payer, period, out, json } = p.values;
  if (format && !X12_EXPORT_FORMATS.includes(format as X12ExportFormat) && documentCommands.export) return documentCommands.export(ctx, p);
  if (!format || !X12_EXPORT_FORMATS.includes(format as X12ExportFormat) || !payer || !out) throw new UsageError('export needs a format (837p, 837i, cms1500 or invoice), --payer and --out');
  const progress = new Progress(`exporting ${format}`);
  const report = await exportX12Batch(ctx, { payerId: payer, format: format as X12ExportFormat, period }, (n) => progress.update(n));
  progress.done();
  if (report.batch) await writeAtomically(out, batchFile(ctx, report.batch.batchId).chunks);
  print(json, report, () => {
    const lines: string[] = [];
    if (report.batch) {
      const b = report.batch;
      lines.push(`Batch ${b.batchId}: ${b.claimCount} claims, total ${b.totalCharge}, ${b.bytes} bytes written to ${out} (ISA13 ${b.interchangeControl}, GS06 ${b.groupControl}).`);
    } else lines.push('Nothing was exported: every claim has errors.');
    if (report.held.length > 0) {
      lines.push(`${report.held.length} claims held back:`);
      for (const h of report.held) lines.push(`${h.claimId}:`, ...issueLines(h.issues));
    }
    return lines.join('\n');
  });
  return report.batch ? (report.held.length > 0 ? 3 : 0) : 1;
}

async function runBatches(ctx: AppContext, p: Parsed): Promise<number> {
  const sub = p.positionals[1];
  if (sub === 'list') {
    const batches = listBatches(ctx, p.values.payer);
    print(p.values.json, batches, () =>
      batches.length === 0
        ? 'No batches.'
        : table(batches.map((b) => ({ ...b, submittedOn: b.submittedOn ?? '' })), [['batchId', 'Batch'], ['payerId', 'Payer'], ['format', 'Format'], ['claimCount', 'Claims'], ['totalCharge', 'Total'], ['interchangeControl', 'ISA13'], ['createdAt', 'Created'], ['submittedOn', 'Submitted']]),
    );
    return 0;
  }
  if (sub === 'file') {
    const id = p.positionals[2];
    if (!id || !p.values.out) throw new UsageError('batches file needs a batch id and --out');
    const file = batchFile(ctx, id);
    await writeAtomically(p.values.out, file.chunks);
    print(p.values.json, file.batch, () => `Wrote batch ${id} (${file.batch.bytes} bytes, sha256 ${file.batch.sha256}) to ${p.values.out}.`);
    return 0;
  }
  throw new UsageError('batches needs list or file');
}

function claimTable(claims: ReturnType<typeof listClaims>): string {
  return table(
    claims.map((c) => ({ ...c, issues: c.errorCount ? `${c.errorCount} errors` : c.warningCount ? `${c.warningCount} warnings` : '' })),
    [['id', 'Claim'], ['payerId', 'Payer'], ['memberCin', 'Member'], ['period', 'Period'], ['format', 'Format'], ['status', 'Status'], ['lineCount', 'Lines'], ['totalCharge', 'Total'], ['issues', 'Issues']],
  );
}

function runKeys(ctx: AppContext, p: Parsed): number {
  const sub = p.positionals[1];
  if (sub === 'create') {
    const role = p.values.role;
    if (!role || !ROLES.includes(role as Role)) throw new UsageError(`keys create needs --role ${ROLES.join('|')}`);
    const created = createApiKey(ctx, role as Role, p.values.label);
    print(p.values.json, created, () => `Created ${created.role} key ${created.keyId}. It is shown only now; store it safely:\n${created.key}`);
    return 0;
  }
  if (sub === 'list') {
    const keys = listApiKeys(ctx);
    print(p.values.json, keys, () => table(keys.map((k) => ({ ...k, label: k.label ?? '', revokedAt: k.revokedAt ?? '' })), [['keyId', 'Key'], ['role', 'Role'], ['label', 'Label'], ['createdAt', 'Created'], ['revokedAt', 'Revoked']]));
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

async function runCommand(ctx: AppContext, command: string, p: Parsed): Promise<number> {
  switch (command) {
    case 'import':
      return runImport(ctx, p);
    case 'claims':
      return runClaims(ctx, p);
    case 'keys':
      return runKeys(ctx, p);
    case 'validate':
      return runValidate(ctx, p);
    case 'export':
      return runExport(ctx, p);
    case 'batches':
      return runBatches(ctx, p);
    case 'audit': {
      const entries = listAudit(ctx, { from: p.values.from, to: p.values.to });
      print(p.values.json, entries, () => (entries.length === 0 ? 'No audit entries.' : table(entries.map((e) => ({ ...e, role: e.role ?? '' })), [['at', 'When'], ['actor', 'Who'], ['role', 'Role'], ['action', 'Action'], ['target', 'Target'], ['outcome', 'Outcome']])));
      return 0;
    }
    default: {
      const handler = documentCommands[command] ?? remittanceCommands[command];
      if (!handler) throw new UsageError(`unknown command ${command}`);
      return handler(ctx, p);
    }
  }
}

/** Reads (list, show, audit, keys list) are not audited from the CLI; everything else is. */
function isAuditedCommand(p: Parsed): boolean {
  const [command, sub] = p.positionals;
  if (!command || command === 'audit') return false;
  return !['list', 'show'].includes(sub ?? '');
}

async function main(argv: string[]): Promise<number> {
  let p: Parsed;
  try {
    p = parse(argv);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const command = p.positionals[0];
  if (!command || p.values.help) {
    process.stdout.write(`${USAGE}\n`);
    return command || p.values.help ? 0 : 2;
  }
  if (command === 'serve') {
    const { startServer } = await import('../api/server.js');
    await startServer({ dbPath: p.values.db, port: p.values.port ? Number(p.values.port) : undefined, host: p.values.host });
    return -1;
  }
  let ctx: AppContext | undefined;
  let code = 1;
  try {
    ctx = createContext({ dbPath: p.values.db, logger: process.env.ECM_LOG === 'json' ? jsonLogger() : undefined });
    code = await runCommand(ctx, command, p);
    return code;
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`${err.message}\n\n${USAGE}\n`);
      return 2;
    }
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
