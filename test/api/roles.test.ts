// Every route of the OpenAPI document x every role x no key: nobody gets in where they do not
// belong. Routes are read from the document, so a new route is covered the day it is added.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/api/server.js';
import { createApiKey, KEY_ROLES, PLATFORM_ROLE, type KeyRole } from '../../src/app/api-keys.js';
import { withOrganization } from '../../src/app/context.js';
import { allowedRoles, isPublicRoute } from '../../src/api/auth.js';
import { workspace, type Workspace } from '../support/workspace.js';

let ws: Workspace;
let server: RunningServer;
const keys = new Map<KeyRole, string>();
let routes: Array<{ method: string; path: string }> = [];

beforeAll(async () => {
  ws = workspace();
  server = await startServer({ ctx: ws.ctx, port: 0, host: '127.0.0.1', quiet: true });
  for (const role of KEY_ROLES) keys.set(role, (await createApiKey(role === PLATFORM_ROLE ? withOrganization(ws.ctx, null) : ws.ctx, role)).key);
  const doc = (await (await fetch(`${server.url}/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
  routes = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((method) => ({ method: method.toUpperCase(), path })));
});
afterAll(async () => {
  await server.close();
  ws.dispose();
});

/** A concrete URL for a templated path; the ids need not exist: a 404 still proves the door opened. */
const concrete = (path: string) => path.replace(/\{id\}/g, 'C000001').replace(/\{kind\}/g, 'staff').replace(/\{[^}]+\}/g, 'x');

async function call(method: string, path: string, key?: string): Promise<number> {
  const res = await fetch(`${server.url}${concrete(path)}`, {
    method,
    headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), 'content-type': 'application/json' },
    body: method === 'GET' || method === 'HEAD' ? undefined : '{}',
  });
  await res.arrayBuffer();
  return res.status;
}

describe('roles on every route', () => {
  it('finds the API routes in the OpenAPI document', async () => {
    const api = routes.filter((r) => r.path.startsWith('/api/'));
    expect(api.length).toBeGreaterThanOrEqual(10);
    expect(api).toEqual(expect.arrayContaining([{ method: 'POST', path: '/api/imports/{kind}' }, { method: 'GET', path: '/api/keys' }]));
  });

  it('answers 401 without a key and 403 to a role that may not, on every /api route', async () => {
    const failures: string[] = [];
    for (const { method, path } of routes.filter((r) => r.path.startsWith('/api/') && !isPublicRoute(r.method, concrete(r.path)))) {
      const none = await call(method, path);
      if (none !== 401) failures.push(`${method} ${path} without a key: ${none}`);
      for (const role of KEY_ROLES) {
        const status = await call(method, path, keys.get(role));
        const allowed = allowedRoles(method, concrete(path)).includes(role);
        if (allowed && (status === 401 || status === 403)) failures.push(`${method} ${path} as ${role}: ${status}, should be let in`);
        if (!allowed && status !== 403) failures.push(`${method} ${path} as ${role}: ${status}, should be 403`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('lets everyone, with or without a key, call the public routes: /api/health and nothing else', async () => {
    const open = routes.filter((r) => r.path.startsWith('/api/') && isPublicRoute(r.method, concrete(r.path)));
    expect(open).toEqual([{ method: 'GET', path: '/api/health' }]);
    for (const { method, path } of open) {
      expect(await call(method, path)).toBe(200);
      for (const role of KEY_ROLES) expect(await call(method, path, keys.get(role))).toBe(200);
    }
  });

  it('keeps finance read-only and keys and the audit trail to admins', async () => {
    expect(allowedRoles('POST', '/api/imports/services')).toEqual(['admin', 'billing']);
    expect(allowedRoles('GET', '/api/claims')).toContain('finance');
    expect(allowedRoles('GET', '/api/keys')).toEqual(['admin']);
    expect(allowedRoles('GET', '/api/audit')).toEqual(['admin']);
  });

  it('records who did what in the audit trail, for admins to read', async () => {
    await call('POST', '/api/claims/build', keys.get('billing'));
    const res = await fetch(`${server.url}/api/audit?limit=500`, { headers: { authorization: `Bearer ${keys.get('admin')}` } });
    const entries = (await res.json()) as Array<{ actor: string; role: string; action: string; target: string }>;
    expect(entries.some((e) => e.role === 'billing' && e.action === 'POST' && e.target === '/api/claims/build')).toBe(true);
    expect(JSON.stringify(entries)).not.toMatch(/ecm_[0-9a-f]{12}_/);
  });
});
