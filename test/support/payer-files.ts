// Builds the files a payer sends back (999, 277CA, 835) for claims exported in a test, with the
// envelope counted right (SE01, GE01, IEA01) so only what a test means to break is broken.

const pad = (value: string, width: number) => value.padEnd(width, ' ').slice(0, width);
const x12Date = (date: string) => date.replace(/-/g, '');

export interface Envelope {
  /** ISA13, a number up to 9 digits */
  control: number;
  /** the payer's interchange id (ISA06); HNMC1 for the sample Health Net profile */
  sender?: string;
  receiver?: string;
  /** YYYY-MM-DD of the interchange and group */
  date: string;
  groupControl?: number;
}

function interchange(env: Envelope, functionalId: string, version: string, sets: string[][]): string {
  const sender = env.sender ?? 'HNMC1';
  const receiver = env.receiver ?? 'BRIGHTPATH01';
  const d = x12Date(env.date);
  const control = String(env.control).padStart(9, '0');
  const group = String(env.groupControl ?? env.control);
  const isa = `ISA*00*${pad('', 10)}*00*${pad('', 10)}*ZZ*${pad(sender, 15)}*ZZ*${pad(receiver, 15)}*${d.slice(2)}*0900*^*00501*${control}*0*T*:~`;
  if (isa.length !== 106) throw new Error(`ISA is ${isa.length} characters`);
  const lines = [isa, `GS*${functionalId}*${sender}*${receiver}*${d}*0900*${group}*X*${version}~`];
  sets.forEach((body, i) => {
    const st = String(i + 1).padStart(4, '0');
    const idCode = functionalId === 'HP' ? '835' : functionalId === 'HN' ? '277' : '999';
    lines.push(`ST*${idCode}*${st}*${version}~`, ...body.map((s) => `${s}~`), `SE*${body.length + 2}*${st}~`);
  });
  lines.push(`GE*${sets.length}*${group}~`, `IEA*1*${control}~`);
  return `${lines.join('\n')}\n`;
}

export interface AckSet {
  /** our ST02 */
  transactionControl: string;
  accepted: boolean;
}

/** A 999 for our functional group `groupControl` (our GS06). */
export function file999(env: Envelope, ack: { groupControl: string; sets: AckSet[]; groupStatus?: string }): string {
  const accepted = ack.sets.filter((s) => s.accepted).length;
  const status = ack.groupStatus ?? (accepted === ack.sets.length ? 'A' : accepted === 0 ? 'R' : 'P');
  const body = [`AK1*HC*${ack.groupControl}*005010X222A1`];
  for (const set of ack.sets) {
    body.push(`AK2*837*${set.transactionControl}*005010X222A1`);
    if (!set.accepted) body.push('IK3*NM1*12*2010BA*8', 'IK4*9**6', 'IK5*R*5');
    else body.push('IK5*A');
  }
  body.push(`AK9*${status}*${ack.sets.length}*${ack.sets.length}*${accepted}`);
  return interchange(env, 'FA', '005010X231A1', [body]);
}

export interface AckClaim {
  claimId: string;
  accepted: boolean;
  /** STC02: with no 2200A DTP*050, the claim's received date */
  statusDate: string;
  charge: string;
  payerClaimControlNumber?: string;
  message?: string;
}

/** A 277CA; `receivedDate` is the 2200A DTP*050 that dates every claim in it. */
export function file277ca(env: Envelope, ack: { receivedDate?: string; claims: AckClaim[] }): string {
  const d = x12Date(env.date);
  const body = ['BHT*0085*08*277CA0001*' + d + '*1015*TH', 'HL*1**20*1', 'NM1*PR*2*HEALTH NET OF CALIFORNIA*****PI*HNMC1', `TRN*1*${d}HN0001`];
  if (ack.receivedDate !== undefined) body.push(`DTP*050*D8*${x12Date(ack.receivedDate)}`);
  body.push(`DTP*009*D8*${d}`, 'HL*2*1*21*1', 'NM1*41*2*BRIGHTPATH COMMUNITY HEALTH*****46*BRIGHTPATH01', 'TRN*2*B000001', 'HL*3*2*19*1', 'NM1*85*2*BRIGHTPATH COMMUNITY HEALTH*****XX*1234567893', 'TRN*1*0');
  ack.claims.forEach((c, i) => {
    body.push(`HL*${4 + i}*3*PT`, 'NM1*QC*1*MEMBER*TEST****MI*90000000A', `TRN*2*${c.claimId}`);
    const status = c.accepted ? 'A2:20:PR' : 'A7:164:IL';
    body.push(`STC*${status}*${x12Date(c.statusDate)}*${c.accepted ? 'WQ' : 'U'}*${c.charge}${c.message !== undefined ? `********${c.message}` : ''}`);
    if (c.payerClaimControlNumber !== undefined) body.push(`REF*1K*${c.payerClaimControlNumber}`);
  });
  return interchange(env, 'HN', '005010X214', [body]);
}

export interface RemitClaim {
  claimId: string;
  /** CLP02: 1 processed as primary, 4 denied, 22 reversal */
  status: string;
  charge: string;
  paid: string;
  payerClaimControlNumber: string;
  /** DTM*050 */
  receivedDate?: string;
  /** claim-level CAS: [group, reason, amount] */
  adjustments?: Array<[string, string, string]>;
  remarks?: string[];
  /** AMT*I: prompt-pay interest paid with the claim */
  interest?: string;
}

export interface RemitPayment {
  trace: string;
  /** BPR16 */
  paymentDate: string;
  claims: RemitClaim[];
  /** PLB: [reason, reference or undefined, amount as PLB04 gives it] */
  providerAdjustments?: Array<[string, string | undefined, string]>;
}

export function file835(env: Envelope, payments: RemitPayment[]): string {
  const sets = payments.map((p) => {
    const cents = (amount: string | undefined) => Math.round(Number(amount ?? '0') * 100);
    const total = (p.claims.reduce((sum, c) => sum + cents(c.paid) + cents(c.interest), 0) - (p.providerAdjustments ?? []).reduce((sum, [, , amount]) => sum + cents(amount), 0)) / 100;
    const body = [
      `BPR*${total > 0 ? 'C' : 'H'}*${total.toFixed(2)}*C*${total > 0 ? 'CHK' : 'NON'}************${x12Date(p.paymentDate)}`,
      `TRN*1*${p.trace}*1951234567`,
      'N1*PR*HEALTH NET OF CALIFORNIA',
      'N1*PE*BRIGHTPATH COMMUNITY HEALTH*XX*1234567893',
      'LX*1',
    ];
    for (const c of p.claims) {
      body.push(`CLP*${c.claimId}*${c.status}*${c.charge}*${c.paid}**MC*${c.payerClaimControlNumber}`);
      for (const [group, reason, amount] of c.adjustments ?? []) body.push(`CAS*${group}*${reason}*${amount}`);
      body.push('NM1*QC*1*MEMBER*TEST****MI*90000000A');
      if (c.remarks !== undefined && c.remarks.length > 0) body.push(`MOA***${c.remarks.join('*')}`);
      if (c.receivedDate !== undefined) body.push(`DTM*050*${x12Date(c.receivedDate)}`);
      if (c.interest !== undefined) body.push(`AMT*I*${c.interest}`);
    }
    for (const [reason, reference, amount] of p.providerAdjustments ?? []) body.push(`PLB*1234567893*${x12Date(p.paymentDate.slice(0, 4) + '-12-31')}*${reason}${reference !== undefined ? `:${reference}` : ''}*${amount}`);
    return body;
  });
  return interchange(env, 'HP', '005010X221A1', sets);
}
