// The workspace's Claims pages: /claims (filters, sorted and paged on the server) and
// /claims/:id (facts, lines, source rows, issues, timeline). Every role may read them; a
// signed-out visitor is sent to sign in. The data comes from the same use cases as
// `ecm-claims claims list|show` and `ecm-claims timeline`; filters are checked as the CLI and
// the API check them, and a bad one is said in words on the page.

import type { OpenAPIHono } from '@hono/zod-openapi';
import { listClaims, showClaim } from '../../app/claims/claim-queries.js';
import type { AppContext } from '../../app/context.js';
import { AppError } from '../../app/errors.js';
import { claimTimeline } from '../../app/remittances/queries.js';
import { CLAIM_STATUSES, type ClaimStatus } from '../../domain/claim.js';
import { isPeriod, notAPeriod } from '../../domain/period.js';
import { ClaimFormatSchema, type ClaimFormat } from '../../domain/reference.js';
import { claimDetailPage, claimListPage, claimNotFoundPage, type ClaimFilters } from '../../web/pages/claims.js';
import type { ApiEnv } from '../auth.js';
import { pageSession, pageUser, renderPage } from './page-session.js';

const FORMATS: readonly ClaimFormat[] = ClaimFormatSchema.options;
/** Payer ids are short words; anything else is not one (and is not echoed back). */
const PAYER_ID = /^[\w.-]{1,40}$/;
const SORT_KEY = /^[a-z]{1,12}$/;
/** Claim ids as the API takes them. */
const MAX_ID = 40;

interface ParsedFilters {
  filters: ClaimFilters;
  errors: string[];
}

/** The list's query checked the way `claims list` and GET /api/claims check it. */
export function parseClaimFilters(query: Record<string, string | undefined>): ParsedFilters {
  const filters: ClaimFilters = {};
  const errors: string[] = [];
  const value = (key: string) => {
    const v = query[key]?.trim();
    return v ? v : undefined;
  };
  const payer = value('payer');
  if (payer !== undefined) {
    if (PAYER_ID.test(payer)) filters.payer = payer;
    else errors.push('Payer: use a payer id such as healthnet (letters, digits, dot, dash or underscore).');
  }
  const period = value('period');
  if (period !== undefined) {
    if (isPeriod(period)) filters.period = period;
    else errors.push(`Period: ${notAPeriod(period)}.`);
  }
  const status = value('status');
  if (status !== undefined) {
    if ((CLAIM_STATUSES as readonly string[]).includes(status)) filters.status = status;
    else errors.push(`Status: not a claim status (use ${CLAIM_STATUSES.join(', ')}).`);
  }
  const format = value('format');
  if (format !== undefined) {
    if ((FORMATS as readonly string[]).includes(format)) filters.format = format;
    else errors.push(`Format: not a claim format (use ${FORMATS.join(', ')}).`);
  }
  return { filters, errors };
}

function pageNumber(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d{1,6}$/.test(text)) return undefined;
  const n = Number(text);
  return n >= 1 ? n : undefined;
}

export function claimPageRoutes(app: OpenAPIHono<ApiEnv>): void {
  app.get('/claims', async (c) => {
    const session = await pageSession(c.var.ctx, c);
    if (session instanceof Response) return session;
    const query = c.req.query();
    const { filters, errors } = parseClaimFilters(query);
    const claims =
      errors.length > 0
        ? []
        : (await listClaims(c.var.ctx, { payerId: filters.payer, period: filters.period, status: filters.status as ClaimStatus | undefined, limit: 100_000 })).filter(
            (claim) => filters.format === undefined || claim.format === filters.format,
          );
    const sort = query.sort !== undefined && SORT_KEY.test(query.sort) ? query.sort : undefined;
    const dir = query.dir === 'desc' ? 'desc' : query.dir === 'asc' ? 'asc' : undefined;
    const current = pageNumber(query.page);
    const markup = claimListPage({
      user: pageUser(session),
      filters,
      errors,
      entered: { payer: query.payer?.slice(0, 40), period: query.period?.slice(0, 7) },
      claims,
      statuses: CLAIM_STATUSES,
      formats: FORMATS,
      ...(sort ? { sort } : {}),
      ...(dir ? { dir } : {}),
      ...(current ? { page: current } : {}),
    });
    return renderPage(c, markup, errors.length > 0 ? 400 : 200);
  });

  app.get('/claims/:id', async (c) => {
    const session = await pageSession(c.var.ctx, c);
    if (session instanceof Response) return session;
    const id = c.req.param('id');
    const notFound = () => renderPage(c, claimNotFoundPage(pageUser(session), id.slice(0, MAX_ID)), 404);
    if (id.length > MAX_ID) return notFound();
    try {
      const [claim, timeline] = await Promise.all([showClaim(c.var.ctx, id), claimTimeline(c.var.ctx, id)]);
      return renderPage(c, claimDetailPage(pageUser(session), claim, timeline));
    } catch (err) {
      if (err instanceof AppError && err.kind === 'not_found') return notFound();
      throw err;
    }
  });
}
