// A whole working month with the sample data over HTTP (import, build, validate, export, payer
// files, reports, and plenty of mistakes): no member name, CIN, birth date or address appears in
// the service's logs or in any error message sent to a client.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../../src/api/server.js';
import { createApiKey } from '../../src/app/api-keys.js';
import { jsonLogger } from '../../src/app/logger.js';
import { SAMPLES, workspace, type Workspace } from '../support/workspace.js';
import { file277ca, file835, file999 } from '../support/payer-files.js';

const MEMBER_DATA = [
  /\bGarcia\b/, /\bMaria\b/, /O'Brien/, /\bNguyen\b/, /\bThomas\b/, /\bLopez\b/, /\bAna\b/,
  /91234567A/, /92345678B/, /93456789C/, /HN00012345/, /IE00034567/,
  /1958-03-14/, /19580314/, /03\/14\/1958/, /1990-11-02/, /2011-07-21/,
  /455 Elm/, /Shelter Bed/, /1400 N A St/, /88 Orange Grove/, /9165550111/,
];

let ws: Workspace;
let server: RunningServer;
let billing: string;
let finance: string;
const logs: string[] = [];
const clientErrors: string[] = [];

beforeAll(async () => {
  ws = workspace({ logger: jsonLogger((line) => logs.push(line)) });
  server = await startServer({ ctx: ws.ctx, port: 0, host: '127.0.0.1', quiet: true });
  billing = (await createApiKey(ws.ctx, 'billing')).key;
  finance = (await createApiKey(ws.ctx, 'finance')).key;
});
afterAll(async () => {
  await server.close();
  ws.dispose();
});

/** Calls the API and keeps every message a client is shown about a problem. */
async function call(method: string, path: string, key: string | undefined, body?: string, type = 'application/json') {
  const res = await fetch(`${server.url}${path}`, { method, headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), 'content-type': type }, body });
  const text = await res.text();
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {
    // a file, not JSON
  }
  if (res.status >= 400) clientErrors.push(text);
  // Issues reported inside successful answers are error messages too.
  const collect = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(collect);
    else if (value && typeof value === 'object') {
      const o = value as Record<string, unknown>;
      if (typeof o.message === 'string' && typeof o.severity === 'string') clientErrors.push(o.message);
      Object.values(o).forEach(collect);
    }
  };
  collect(json);
  return { status: res.status, json, text };
}

const sample = (f: string) => readFileSync(join(SAMPLES, f), 'utf8');

describe('privacy', () => {
  it('keeps member data out of logs and client error messages through a whole month', async () => {
    await call('POST', '/api/imports/organization', billing, sample('organization.json'));
    await call('POST', '/api/imports/payers', billing, sample('payers.json'));
    for (const kind of ['staff', 'members', 'services']) await call('POST', `/api/imports/${kind}`, billing, sample(`${kind}.csv`), 'text/csv');

    // Mistakes a biller makes: rows that name real members with bad values.
    const members = sample('members.csv').split('\n');
    await call('POST', '/api/imports/members', billing, `${members[0]}\n${members[1]!.replace('1958-03-14', '1958-02-30')}\n${members[2]!.replace('92345678B', '9234567B')}\n`, 'text/csv');
    const services = sample('services.csv').split('\n');
    const badServices = [services[0], services[1]!.replace('S001', 'S999'), services[2]!.replace('14:00', '15:00'), services[3]!.replace(',60,', ',-5,'), services[4]!.replace('F32.9', 'XX'), 'junk,"unclosed'];
    await call('POST', '/api/imports/services', billing, badServices.join('\n'), 'text/csv');
    await call('POST', '/api/imports/services', billing, '{"member_cin": "91234567A"', 'application/json');
    await call('POST', '/api/imports/members', billing, JSON.stringify([{ member_cin: '91234567A', last_name: 'Garcia', first_name: 'Maria', dob: '1958-13-14', payer_id: 'nope' }]));

    const build = await call('POST', '/api/claims/build', billing, JSON.stringify({}));
    expect(build.status).toBe(200);
    await call('POST', '/api/claims/validate', billing, JSON.stringify({ format: '837i' }));
    const exported = await call('POST', '/api/batches', billing, JSON.stringify({ payerId: 'healthnet', format: '837p' }));
    expect(exported.status).toBe(201);
    const batch = (exported.json as { batch: { batchId: string; groupControl: string }; claimIds: string[] }).batch;
    const claimIds = (exported.json as { claimIds: string[] }).claimIds;
    await call('GET', `/api/batches/${batch.batchId}/file`, finance);
    await call('POST', `/api/batches/${batch.batchId}/submitted`, billing, JSON.stringify({ date: '2026-11-25' }));

    const env = { control: 501, sender: 'HNMC1', receiver: 'BRIGHTPATH01', date: '2026-11-26' };
    await call('POST', '/api/remittances', billing, file999(env, { groupControl: batch.groupControl, sets: [{ transactionControl: '0001', accepted: true }] } as never), 'application/edi-x12');
    await call('POST', '/api/remittances', billing, file277ca({ ...env, control: 502 }, { claims: claimIds.map((id, i) => ({ claimId: id, accepted: i > 0, statusDate: '2026-11-26', charge: '100' })) }), 'application/edi-x12');
    await call('POST', '/api/remittances', billing, file835({ ...env, control: 503 }, [{ trace: 'EFT1', paymentDate: '2026-12-10', claims: [...claimIds, 'C999999'].map((id) => ({ claimId: id, status: '1', charge: '100', paid: '90', payerClaimControlNumber: `P${id}` })) }] as never), 'application/edi-x12');
    await call('POST', '/api/remittances', billing, 'ISA*00*garbage~', 'application/edi-x12');
    await call('GET', '/api/remittances/unmatched', finance);
    await call('GET', '/api/metrics/timeliness', finance);
    await call('GET', `/api/claims/${claimIds[0]}/timeline`, finance);
    await call('GET', '/api/claims/C999999', finance);
    await call('GET', `/api/claims/${claimIds[0]}/cms1500.pdf`, finance);
    await call('POST', '/api/payments', billing, JSON.stringify({ claimId: 'C999999', date: '2026-12-01', amount: '10.00' }));
    await call('POST', '/api/imports/services', finance, sample('services.csv'), 'text/csv');
    await call('GET', '/api/claims', undefined);

    expect(logs.length).toBeGreaterThan(20);
    expect(clientErrors.length).toBeGreaterThan(10);
    const leaks = (texts: string[]) => texts.flatMap((t) => MEMBER_DATA.filter((p) => p.test(t)).map((p) => `${p} in: ${t.slice(0, 200)}`));
    expect(leaks(logs)).toEqual([]);
    expect(leaks(clientErrors)).toEqual([]);
  });
});
