// POST /api/imports/{kind}: JSON (object or array of rows), raw CSV (streamed), or a multipart
// upload with a "file" field.

import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { importDocument, importFile, type ImportKind } from '../../app/imports/import-file.js';
import { AppError } from '../../app/errors.js';
import type { AppContext } from '../../app/context.js';
import type { ApiEnv } from '../auth.js';
import { PreferHeader, queuedResponse, queueJob, wantsJob, wholeBody } from './jobs.js';
import { formFile, mediaType } from '../uploads.js';
import { errorResponses, ImportKindParam, ImportReportSchema, notFound, RowIssueSchema } from '../schemas.js';

const importRoute = createRoute({
  method: 'post',
  path: '/api/imports/{kind}',
  summary: 'Import organization, payers, staff, members or services',
  description:
    'organization and payers take JSON (as in organization.json and payers.json). staff, members and services take CSV (text/csv, streamed; or multipart/form-data with a file field) or a JSON array of rows with the CSV column names. Rejected rows come back with line, column and message; the good rows are kept.',
  security: [{ Bearer: [] }],
  request: {
    params: ImportKindParam,
    headers: PreferHeader,
    body: {
      required: true,
      content: {
        'application/json': { schema: z.union([z.record(z.string(), z.unknown()), z.array(z.record(z.string(), z.unknown()))]) },
        'text/csv': { schema: z.string().openapi({ example: 'service_id,member_cin,service_date,...' }) },
        'multipart/form-data': { schema: z.object({ file: z.string().openapi({ format: 'binary' }) }) },
      },
    },
  },
  responses: {
    200: { content: { 'application/json': { schema: ImportReportSchema } }, description: 'The import ran; see counts and issues' },
    ...queuedResponse,
    ...errorResponses,
    413: { content: { 'application/json': { schema: z.object({ error: z.string() }) } }, description: 'The upload is too large' },
  },
});

const issuesRoute = createRoute({
  method: 'get',
  path: '/api/imports/{id}/issues',
  summary: 'Every issue an import found',
  security: [{ Bearer: [] }],
  request: { params: z.object({ id: z.coerce.number().int().positive().openapi({ param: { name: 'id', in: 'path' }, example: 1 }) }) },
  responses: { 200: { content: { 'application/json': { schema: z.array(RowIssueSchema) } }, description: 'Issues in file order' }, ...errorResponses, ...notFound },
});

export function importRoutes(app: OpenAPIHono<ApiEnv>): void {
  // Documented from the route definition but routed by hand: the body is streamed, and its
  // content is validated row by row by intake (zod), not as one JSON value.
  app.openAPIRegistry.registerPath(importRoute);
  app.post(
    '/api/imports/:kind',
    async (c) => {
      const parsedKind = ImportKindParam.safeParse({ kind: c.req.param('kind') });
      if (!parsedKind.success) throw new AppError('not_found', `no import kind "${c.req.param('kind')}"; use organization, payers, staff, members or services`);
      const { kind } = parsedKind.data;
      const type = mediaType(c);
      const source = `api:${c.get('actor')}`;
      if (wantsJob(c)) {
        // A job carries its file: the body is kept whole until a worker takes it.
        const { bytes, name } = await wholeBody(c);
        const request = { importKind: kind as ImportKind, source: name ? `${source}:${name}` : source, ...(type === 'application/json' ? { json: true } : {}) };
        return c.json(await queueJob(c, { kind: 'import', request }, bytes), 202);
      }
      if (type === 'application/json') {
        let doc: unknown;
        try {
          doc = await c.req.json();
        } catch {
          throw new AppError('invalid', 'the body is not valid JSON');
        }
        return c.json(await importDocument(c.var.ctx, kind as ImportKind, doc, source), 200);
      }
      if (type === 'multipart/form-data') {
        const file = await formFile(c);
        const stream = Readable.fromWeb(file.stream() as unknown as WebReadableStream<Uint8Array>);
        return c.json(await importFile(c.var.ctx, kind as ImportKind, stream, { source: `${source}:${file.name}` }), 200);
      }
      if (type === 'text/csv' || type === 'text/plain' || type === 'application/octet-stream') {
        const body = c.req.raw.body;
        if (!body) throw new AppError('invalid', 'the body is empty');
        return c.json(await importFile(c.var.ctx, kind as ImportKind, Readable.fromWeb(body as unknown as WebReadableStream<Uint8Array>), { source }), 200);
      }
      throw new AppError('invalid', `send JSON, text/csv or multipart/form-data (got ${type || 'no content type'})`);
    },
  );

  app.openapi(issuesRoute, async (c) => {
    const { id } = c.req.valid('param');
    if (!(await c.var.ctx.store.read.imports.get(id))) throw new AppError('not_found', `there is no import ${id}`);
    return c.json(await c.var.ctx.store.read.imports.issues(id, 100_000), 200);
  });
}
