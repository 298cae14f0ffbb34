// What an upload route reads off a request: its media type, and the file of a multipart form
// (in the field "file"), said once for every route that takes files.

import type { Context } from 'hono';
import { AppError } from '../app/errors.js';
import type { ApiEnv } from './auth.js';

/** The Content-Type without its parameters, lower-cased ('' when there is none). */
export function mediaType(c: Context<ApiEnv>): string {
  return (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
}

/** The uploaded file of a multipart/form-data request. */
export async function formFile(c: Context<ApiEnv>): Promise<File> {
  const file = (await c.req.parseBody()).file;
  if (!(file instanceof File)) throw new AppError('invalid', 'send the file in a form field named "file"');
  return file;
}
