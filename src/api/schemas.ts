// Request and response shapes of the HTTP API. Inputs reuse the domain schemas; the OpenAPI
// document is generated from these same objects.

import { PeriodSchema as PeriodRule } from '../domain/period.js';
import { z } from '@hono/zod-openapi';
import { CLAIM_STATUSES } from '../domain/claim.js';
import { IMPORT_KINDS } from '../app/imports/import-file.js';
import { KEY_ROLES, ROLES } from '../app/api-keys.js';

export const ErrorSchema = z
  .object({ error: z.string().openapi({ example: 'claim C000099 does not exist' }), details: z.unknown().optional() })
  .openapi('Error');

export const PeriodSchema = PeriodRule.openapi({ example: '2026-10' });

/** A calendar date in a request: a payment, a send date. */
export const DateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be written YYYY-MM-DD').openapi({ example: '2026-03-06' });
export const AmountSchema = z.string().regex(/^\d{1,9}(\.\d{1,2})?$/, 'must be an amount such as 165.00').openapi({ example: '165.00' });

/** Which payer date of an event is impossible (before the claim was sent). */
export const DateFieldSchema = z.enum(['paymentDate', 'receivedDate', 'acceptedDate']);

export const StatusChangeSchema = z.object({ claimId: z.string(), from: z.enum(CLAIM_STATUSES), to: z.enum(CLAIM_STATUSES) });

export const notFound = { 404: { content: { 'application/json': { schema: ErrorSchema } }, description: 'Not found' } };
export const conflict = { 409: { content: { 'application/json': { schema: ErrorSchema } }, description: 'Conflicts with what is recorded' } };

/** Printer alignment beyond an inch is a wrong number, not an adjustment. */
export const MAX_OFFSET = 72;

export const offsetParam = (name: string, description: string) =>
  z.coerce.number().min(-MAX_OFFSET).max(MAX_OFFSET).optional().openapi({ param: { name, in: 'query' }, description, example: 0 });

export const IssueSchema = z
  .object({
    code: z.string(),
    severity: z.enum(['error', 'warning']),
    message: z.string(),
    path: z.object({ loop: z.string().optional(), segment: z.string().optional(), element: z.string().optional() }).optional(),
    serviceIds: z.array(z.string()),
    claimId: z.string().optional(),
    lineNumber: z.number().int().optional(),
  })
  .openapi('Issue');

export const RowIssueSchema = z
  .object({ line: z.number().int().optional(), column: z.string().optional(), severity: z.enum(['error', 'warning']), code: z.string(), message: z.string() })
  .openapi('RowIssue');

export const ImportKindParam = z.object({ kind: z.enum(IMPORT_KINDS).openapi({ param: { name: 'kind', in: 'path' }, example: 'services' }) });

export const ImportReportSchema = z
  .object({
    importId: z.number().int(),
    kind: z.enum(IMPORT_KINDS),
    source: z.string(),
    counts: z.object({ rowsRead: z.number(), inserted: z.number(), updated: z.number(), unchanged: z.number(), rejected: z.number(), warnings: z.number() }),
    issues: z.array(RowIssueSchema),
    issuesTruncated: z.boolean(),
  })
  .openapi('ImportReport');

export const ClaimSummarySchema = z
  .object({
    id: z.string(),
    payerId: z.string(),
    memberCin: z.string(),
    period: z.string(),
    format: z.string(),
    status: z.enum(CLAIM_STATUSES),
    frequency: z.enum(['1', '7', '8']),
    totalCharge: z.string().openapi({ example: '498.75' }),
    lineCount: z.number().int(),
    errorCount: z.number().int(),
    warningCount: z.number().int(),
  })
  .openapi('ClaimSummary');

export const ClaimLineSchema = z
  .object({
    lineNumber: z.number().int(),
    serviceDate: z.string(),
    code: z.string(),
    modifiers: z.array(z.string()),
    placeOfService: z.string(),
    renderingStaffId: z.string(),
    minutes: z.number().int(),
    units: z.string(),
    rate: z.string(),
    charge: z.string(),
    diagnosisPointers: z.array(z.number().int()),
    serviceIds: z.array(z.string()),
    activity: z.enum(['ecm', 'outreach']),
  })
  .openapi('ClaimLine');

export const ClaimDetailSchema = z
  .object({
    id: z.string(),
    memberCin: z.string(),
    payerId: z.string(),
    period: z.string(),
    format: z.string(),
    formatReason: z.string().optional(),
    status: z.enum(CLAIM_STATUSES),
    frequency: z.enum(['1', '7', '8']),
    originalReference: z.string().optional(),
    originalClaimId: z.string().optional(),
    placeOfService: z.string(),
    diagnoses: z.array(z.string()),
    defaultDiagnosisUsed: z.boolean(),
    totalCharge: z.string(),
    lines: z.array(ClaimLineSchema),
    issues: z.array(IssueSchema),
    createdAt: z.string(),
    updatedAt: z.string(),
    sourceRows: z.array(z.record(z.string(), z.unknown())),
  })
  .openapi('ClaimDetail');

export const BuildRequestSchema = z
  .object({ payerId: z.string().min(1).optional(), period: PeriodSchema.optional() })
  .strict()
  .openapi('BuildRequest');

export const BuildReportSchema = z
  .object({
    buildId: z.number().int(),
    filter: z.object({ payerId: z.string().optional(), period: z.string().optional() }),
    claims: z.array(ClaimSummarySchema),
    notBilled: z.array(IssueSchema),
    counts: z.object({ claims: z.number(), ready: z.number(), draft: z.number(), rowsBilled: z.number(), rowsNotBilled: z.number() }),
  })
  .openapi('BuildReport');

export const ClaimListQuery = z.object({
  payer: z.string().optional(),
  period: PeriodSchema.optional(),
  status: z.enum(CLAIM_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(10_000).default(500),
  offset: z.coerce.number().int().min(0).default(0),
});

export const IdParam = z.object({ id: z.string().min(1).max(40).openapi({ param: { name: 'id', in: 'path' }, example: 'C000001' }) });

export const KeyCreateSchema = z.object({ role: z.enum(ROLES), label: z.string().max(100).optional() }).strict().openapi('KeyCreate');
export const CreatedKeySchema = z.object({ keyId: z.string(), role: z.enum(KEY_ROLES), org: z.string().optional().openapi({ description: 'the organization the key works for; absent for a platform key' }), key: z.string() }).openapi('CreatedKey');
export const KeySchema = z.object({ keyId: z.string(), orgId: z.string().optional(), role: z.enum(KEY_ROLES), label: z.string().optional(), createdAt: z.string(), revokedAt: z.string().optional() }).openapi('ApiKey');

export const errorResponses = {
  400: { content: { 'application/json': { schema: ErrorSchema } }, description: 'The request is not valid' },
  401: { content: { 'application/json': { schema: ErrorSchema } }, description: 'No valid API key' },
  403: { content: { 'application/json': { schema: ErrorSchema } }, description: "The key's role may not do this" },
} as const;
