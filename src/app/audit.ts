// The audit trail use cases. Recording never fails the operation it describes: a full disk is
// reported by the operation itself.

import { timestamp, type AppContext } from './context.js';
import type { AuditEntry } from '../store/audit-store.js';

export async function recordAudit(ctx: AppContext, entry: Omit<AuditEntry, 'at'>): Promise<void> {
  try {
    await ctx.store.write.audit.record({ ...entry, at: timestamp(ctx) });
  } catch (err) {
    ctx.logger.error('audit.failed', { code: (err as { code?: string }).code, action: entry.action });
  }
}

export async function listAudit(ctx: AppContext, filter: { from?: string; to?: string; actor?: string; limit?: number }): Promise<AuditEntry[]> {
  return ctx.store.read.audit.list(filter);
}

/** Requests worth an audit line: every change, and every download of claim data. */
export function isAudited(method: string, path: string): boolean {
  if (!path.startsWith('/api/')) return false;
  if (method !== 'GET' && method !== 'HEAD') return true;
  return /\/file$|\.(pdf|csv)$|\/timeline$/.test(path) || path.startsWith('/api/claims/') || path.startsWith('/api/audit');
}
