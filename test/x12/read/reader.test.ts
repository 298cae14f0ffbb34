import { createReadStream, readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { ClaimAcknowledgment, FileAcknowledgment, Remittance } from '../../../src/domain/remittance.js';
import { PayerFileError, readPayerFile, readPayerResponses } from '../../../src/x12/read/reader.js';
import { FIXTURES } from '../../support/paths.js';
import { join } from 'node:path';

const fixture = (name: string) => join(FIXTURES, 'remit', name);
const text = (name: string) => readFileSync(fixture(name), 'utf8');
const fromText = (value: string | Buffer, chunkSize = 65536) => {
  const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunkSize) chunks.push(bytes.subarray(i, i + chunkSize));
  return Readable.from(chunks);
};

async function remittance(): Promise<Remittance> {
  const response = await readPayerFile(createReadStream(fixture('835-healthnet.x12')));
  if (response.kind !== '835') throw new Error(`expected an 835, got ${response.kind}`);
  return response;
}

async function expectPayerFileError(input: string | Buffer, message: RegExp): Promise<PayerFileError> {
  const error = await readPayerFile(fromText(input)).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PayerFileError);
  expect((error as PayerFileError).message).toMatch(message);
  return error as PayerFileError;
}

describe('835', () => {
  it('reads every check of the file: ST/SE sets with their BPR and TRN', async () => {
    const r = await remittance();
    expect(r).toMatchObject({ kind: '835', interchangeControlNumber: '000000201', senderId: 'HNMC1', date: '2026-03-20' });
    expect(r.payments.map((p) => [p.traceNumber, p.method, p.paymentDate, p.totalPaid, p.claims.length])).toEqual([
      ['10001', 'CHK', '2026-03-06', '935.00', 7],
      ['EFT20002', 'ACH', '2026-03-20', '140.00', 4],
      ['10003', 'CHK', '2026-03-20', '165.00', 1],
    ]);
    expect(r.payments[0]).toMatchObject({ payerName: 'HEALTH NET OF CALIFORNIA', payerId: 'HNMC1' });
    expect(r.payments[1]).toMatchObject({ payerName: 'HEALTH NET OF CALIFORNIA', payerId: 'HNMC1' });
  });

  it('puts status, amounts, control number and received date on each claim', async () => {
    const [first] = (await remittance()).payments;
    const byId = new Map(first?.claims.map((c) => [c.claimId, c]));
    expect(byId.get('C000001')).toMatchObject({ status: '1', totalCharge: '330.00', paid: '330.00', payerClaimControlNumber: 'HN26030001', receivedDate: '2026-02-03' });
    expect(byId.get('C000003')).toMatchObject({
      status: '4',
      paid: '0.00',
      adjustments: [{ group: 'CO', reason: '16', amount: '165.00' }],
      remarkCodes: ['MA130', 'M51'],
    });
    expect(byId.get('C000004')?.adjustments).toEqual([{ group: 'CO', reason: '29', amount: '165.00' }]);
  });

  it('keeps line-level SVC, CAS, DTM*472 and LQ on their line, not on the claim', async () => {
    const [first] = (await remittance()).payments;
    const partial = first?.claims.find((c) => c.claimId === 'C000002');
    expect(partial?.adjustments).toEqual([]);
    expect(partial?.lines).toEqual([
      { code: 'G9008', modifiers: ['U1'], charge: '165.00', paid: '165.00', units: '1', serviceDate: '2026-01-12', adjustments: [], remarkCodes: [] },
      {
        code: 'G9008',
        modifiers: ['U1', 'GQ'],
        charge: '165.00',
        paid: '0.00',
        units: '1',
        serviceDate: '2026-01-19',
        adjustments: [{ group: 'CO', reason: '97', amount: '165.00' }],
        remarkCodes: ['N20'],
      },
    ]);
  });

  it('reads a reversal with negative amounts followed by its correction', async () => {
    const second = (await remittance()).payments[1];
    const c5 = second?.claims.filter((c) => c.claimId === 'C000005');
    expect(c5?.map((c) => [c.status, c.totalCharge, c.paid, c.payerClaimControlNumber])).toEqual([
      ['22', '-165.00', '-165.00', 'HN26030005'],
      ['1', '165.00', '150.00', 'HN26030105'],
    ]);
    expect(c5?.[1]?.adjustments).toEqual([{ group: 'CO', reason: '45', amount: '15.00' }]);
  });

  it('reads a second BPR/TRN inside one transaction set as another payment', async () => {
    const body = [
      'ST*835*0001*005010X221A1',
      'BPR*C*100*C*CHK************20260301',
      'TRN*1*A1*1951234567',
      'CLP*C1*1*100*100**MC*P1',
      'BPR*C*50*C*CHK************20260302',
      'TRN*1*A2*1951234567',
      'CLP*C2*1*50*50**MC*P2',
    ];
    const r = await readPayerFile(fromText(envelope('HP', '005010X221A1', [body])));
    expect(r.kind === '835' && r.payments.map((p) => [p.traceNumber, p.paymentDate, p.claims.map((c) => c.claimId)])).toEqual([
      ['A1', '2026-03-01', ['C1']],
      ['A2', '2026-03-02', ['C2']],
    ]);
  });

  it('reads the interest paid with a claim (AMT*I) and the provider-level adjustments (PLB) of each payment', async () => {
    const payments = (await remittance()).payments;
    // The fixture's second check recovers an earlier overpayment (WO) named by the payer's claim number.
    expect(payments[1]?.providerAdjustments).toEqual([{ reason: 'WO', reference: 'HN26020077', amount: '10.00', fiscalPeriodDate: '2026-12-31' }]);
    expect(payments[0]?.providerAdjustments).toBeUndefined();
    const withInterest = text('835-healthnet.x12')
      .replace('CLP*C000008*1*330*330**MC*HN26030108~', 'CLP*C000008*1*330*330**MC*HN26030108~\nAMT*I*4.07~')
      .replace('SVC*HC:G9012:U2*330*330**2.75~', 'SVC*HC:G9012:U2*330*330**2.75~\nAMT*B6*330~')
      .replace('PLB*1234567893*20261231*WO:HN26020077*10~', 'PLB*1234567893*20261231*WO:HN26020077*10*L6:C000006*-1.5*L6*-0.25~')
      .replace('SE*27*0002~', 'SE*29*0002~');
    const read = await readPayerFile(fromText(withInterest));
    if (read.kind !== '835') throw new Error('expected an 835');
    const claim = read.payments[1]?.claims.find((c) => c.claimId === 'C000008');
    expect(claim?.interest).toBe('4.07');
    const plain = read.payments[0]?.claims.find((c) => c.claimId === 'C000001');
    expect(plain).toBeDefined();
    expect(plain?.interest).toBeUndefined();
    // Interest a payment adds is a negative adjustment; one with no reference belongs to the payer and period.
    expect(read.payments[1]?.providerAdjustments).toEqual([
      { reason: 'WO', reference: 'HN26020077', amount: '10.00', fiscalPeriodDate: '2026-12-31' },
      { reason: 'L6', reference: 'C000006', amount: '-1.50', fiscalPeriodDate: '2026-12-31' },
      { reason: 'L6', amount: '-0.25', fiscalPeriodDate: '2026-12-31' },
    ]);
  });

  it('gives the same records whatever the chunking and line endings', async () => {
    const whole = await remittance();
    const source = text('835-healthnet.x12');
    expect(await readPayerFile(fromText(source, 1))).toEqual(whole);
    expect(await readPayerFile(fromText(source, 7))).toEqual(whole);
    expect(await readPayerFile(fromText(source.replace(/\n/g, '\r\n'), 50))).toEqual(whole);
    expect(await readPayerFile(fromText(source.replace(/~\n/g, '~')))).toEqual(whole);
    expect(await readPayerFile(fromText(`\ufeff\r\n${source}`))).toEqual(whole);
  });

  it('streams a large remittance in small chunks', async () => {
    const claims = 20_000;
    const body = ['ST*835*0001*005010X221A1', 'BPR*C*3300000*C*CHK************20260306', 'TRN*1*99*1951234567', 'N1*PR*HEALTH NET OF CALIFORNIA', 'LX*1'];
    for (let i = 0; i < claims; i++) body.push(`CLP*C${i}*1*165*165**MC*P${i}`, 'DTM*050*20260203', 'SVC*HC:G9008:U1*165*165**1', 'DTM*472*20260115');
    const r = await readPayerFile(fromText(envelope('HP', '005010X221A1', [body]), 16_384));
    const payment = r.kind === '835' ? r.payments[0] : undefined;
    expect(payment?.claims).toHaveLength(claims);
    expect(payment?.claims[claims - 1]).toMatchObject({ claimId: `C${claims - 1}`, paid: '165.00', receivedDate: '2026-02-03' });
  });

  it('reads files that use other separators', async () => {
    const source = text('835-healthnet.x12').replace(/\*/g, '|').replace(/:/g, '>').replace(/~\n/g, '\n').replace('|^|', '|!|');
    expect(await readPayerFile(fromText(source))).toEqual(await remittance());
  });
});

describe('277CA', () => {
  it('reads accepted and rejected claims with their codes and the payer received date', async () => {
    const r = (await readPayerFile(createReadStream(fixture('277ca-healthnet.x12')))) as ClaimAcknowledgment;
    expect(r.kind).toBe('277CA');
    expect(r.date).toBe('2026-01-06');
    expect(r.claims).toEqual([
      { claimId: 'C000010', accepted: true, statusCodes: ['A1:19:PR', 'A2:20:PR'], totalCharge: '330.00', payerClaimControlNumber: 'HN26010010', receivedDate: '2026-01-05' },
      { claimId: 'C000011', accepted: false, statusCodes: ['A7:164:IL'], totalCharge: '165.00', message: 'SUBSCRIBER ID NOT FOUND', receivedDate: '2026-01-05' },
      // its service line carries an A3, which is the line's status, not the claim's
      { claimId: 'C000012', accepted: true, statusCodes: ['A2:20:PR'], totalCharge: '165.00', payerClaimControlNumber: 'HN26010012', receivedDate: '2026-01-05' },
    ]);
  });

  it('falls back to STC02 when the payer sends no DTP*050', async () => {
    const source = text('277ca-healthnet.x12').replace('DTP*050*D8*20260105~\n', '').replace('SE*46*0001', 'SE*45*0001');
    const r = (await readPayerFile(fromText(source))) as ClaimAcknowledgment;
    expect(r.claims[0]?.receivedDate).toBe('2026-01-05');
  });
});

describe('999', () => {
  it('reads an accepted group', async () => {
    const r = (await readPayerFile(createReadStream(fixture('999-accepted.x12')))) as FileAcknowledgment;
    expect(r).toEqual({
      kind: '999',
      interchangeControlNumber: '000000140',
      senderId: 'HNMC1',
      date: '2026-01-02',
      groupControlNumber: '1001',
      groupStatus: 'A',
      transactions: [{ transactionControlNumber: '0001', accepted: true, errors: [] }],
    });
  });

  it('turns IK3/IK4/CTX into sentences naming the claim, segment and element', async () => {
    const r = (await readPayerFile(createReadStream(fixture('999-rejected.x12')))) as FileAcknowledgment;
    expect(r.groupControlNumber).toBe('1002');
    expect(r.groupStatus).toBe('R');
    expect(r.transactions).toEqual([
      {
        transactionControlNumber: '0001',
        accepted: false,
        errors: [
          'claim C000021: CLM05-03 at segment position 22 in loop 2300: invalid code value; data element 1325; found "9"',
          'claim C000022: NM109 at segment position 31 in loop 2010BA: invalid character in data element; found "9123456#A"',
          'REF at segment position 18 in loop 2010AA: required segment missing',
        ],
      },
    ]);
  });

  it('returns one acknowledgment per 999 transaction set; readPayerFile refuses to pick one', async () => {
    const ack = (group: string, status: string) => [`AK1*HC*${group}*005010X222A1`, 'AK2*837*0001*005010X222A1', `IK5*${status}`, `AK9*${status}*1*1*${status === 'A' ? 1 : 0}`];
    const source = envelope('FA', '005010X231A1', [['ST*999*0001*005010X231A1', ...ack('11', 'A')], ['ST*999*0002*005010X231A1', ...ack('12', 'R')]]);
    const responses = await readPayerResponses(fromText(source));
    expect(responses.map((r) => r.kind === '999' && [r.groupControlNumber, r.groupStatus, r.transactions[0]?.accepted])).toEqual([
      ['11', 'A', true],
      ['12', 'R', false],
    ]);
    await expectPayerFileError(source, /holds 2 payer responses/);
  });
});

describe('files that are not a whole, valid payer response', () => {
  const good = text('835-healthnet.x12');

  it('rejects an empty file', async () => {
    await expectPayerFileError('', /empty/);
  });

  it('rejects text that is not X12', async () => {
    await expectPayerFileError('claim_id,paid\nC000001,330.00\n'.repeat(10), /not an X12 file/);
  });

  it('rejects binary files, before and after a valid header', async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 7)]);
    await expectPayerFileError(png, /not an X12 file/);
    const corrupted = Buffer.concat([Buffer.from(good.slice(0, 400)), Buffer.from([0, 1, 2, 3, 0xff, 0]), Buffer.from(good.slice(400))]);
    const error = await expectPayerFileError(corrupted, /binary data/);
    expect(error.location.byteOffset).toBe(400);
  });

  it('rejects a file cut inside the ISA', async () => {
    await expectPayerFileError(good.slice(0, 60), /before the 106-character ISA header is complete/);
  });

  it('rejects a file cut at any later point, naming what is missing', async () => {
    const segments = good.split('~\n');
    // cut inside a CLP, at a segment boundary in a claim, after SE, after GE, just before IEA
    await expectPayerFileError(good.slice(0, good.indexOf('CLP*C000002') + 14), /transaction set 0001: the file ends inside this transaction set, before its SE: it is truncated/);
    await expectPayerFileError(`${segments.slice(0, 30).join('~\n')}~\n`, /before its SE: it is truncated/);
    await expectPayerFileError(good.slice(0, good.indexOf('GE*3')), /ends inside functional group 2001, before its GE/);
    await expectPayerFileError(good.slice(0, good.indexOf('GE*3') + 1), /ends inside functional group 2001, before its GE: it is truncated \(its last segment, "G" at position 87, is cut short\)/);
    await expectPayerFileError(good.slice(0, good.indexOf('IEA')), /ends after 87 segments without a complete IEA closing the interchange: it is truncated$/);
    await expectPayerFileError(good.slice(0, good.indexOf('IEA') + 8), /it is truncated \(its last segment, IEA at position 88, is cut short\)/);
    // a complete IEA that does not match is not truncation
    await expectPayerFileError(good.replace('IEA*1*000000201', 'IEA*1*000000202'), /IEA02 "000000202" does not match ISA13 "000000201"/);
  });

  it('rejects a transaction set whose segment count is off (a segment lost in the middle)', async () => {
    await expectPayerFileError(good.replace('CAS*CO*29*165~\n', ''), /SE01 says 47 segments, the transaction set holds 46: segments are missing or extra/);
  });

  it('rejects a mangled ISA and separators that the body does not use', async () => {
    await expectPayerFileError(good.replace('*ZZ*HNMC1          *', '*ZZ*HNMC1*'), /not the fixed 106-character header/);
    await expectPayerFileError(good.replace('*00501*', '*00401*'), /only version 5010/);
    await expectPayerFileError(good.replace(/~\n/, '~').replace(/~(?=\n|GS)/g, (m, offset: number) => (offset > 110 ? '\n' : m)), /where a GS has at most 8: the segments do not end with the terminator the ISA declares/);
    const pipes = good.slice(0, 106) + good.slice(106).replace(/\*/g, '|');
    await expectPayerFileError(pipes, /"GS\|HP\|HNMC1\|BRIGHTPATH01\.\.\." is not a segment id: the file does not use the separators its ISA declares/);
  });

  it('stops at a segment that never ends instead of buffering the file', async () => {
    const endless = `${good.slice(0, 107)}GS*${'X'.repeat(70_000)}`;
    await expectPayerFileError(endless, /segment 2 runs past 65536 bytes without the segment terminator '~'/);
  });

  it('names an 837 or a non-CA 277 for what it is', async () => {
    await expectPayerFileError(envelope('HC', '005010X222A1', [['ST*837*0001*005010X222A1', 'BHT*0019*00*1*20260101*1200*CH']]), /837 claim file, not a payer response/);
    await expectPayerFileError(envelope('HN', '005010X212', [['ST*277*0001*005010X212', 'BHT*0010*08*1*20260101*1200*DG']]), /claim status response, not a 277CA/);
  });

  it('names the segment and element of a bad value', async () => {
    const error = await expectPayerFileError(good.replace('CLP*C000004*1*165*0*', 'CLP*C000004*1*1x5*0*'), /segment CLP at position \d+, transaction set 0001: CLP03 \(total claim charge amount\) "1x5" is not an amount/);
    expect(error.location).toMatchObject({ segment: 'CLP', transaction: '0001' });
    await expectPayerFileError(good.replace('20260306~', '20260231~'), /BPR16 \(check issue or EFT effective date\) "20260231" is not a CCYYMMDD date/);
  });

  it('rejects data after the IEA and a second interchange', async () => {
    await expectPayerFileError(`${good}GS*HP*X*Y*20260101*1200*9*X*005010X221A1~`, /data after the IEA/);
    await expectPayerFileError(`${good}${good}`, /second interchange/);
  });

  it('passes on errors of the input stream itself', async () => {
    await expect(readPayerFile(createReadStream(fixture('no-such-file.x12')))).rejects.toThrow(/ENOENT/);
  });
});

/** A minimal interchange around the given transaction sets (each starting with its ST). */
function envelope(functionalId: string, version: string, sets: string[][]): string {
  const isa = `ISA*00*          *00*          *ZZ*HNMC1          *ZZ*BRIGHTPATH01   *260301*1200*^*00501*000000009*0*T*:`;
  const segments = [isa, `GS*${functionalId}*HNMC1*BRIGHTPATH01*20260301*1200*9*X*${version}`];
  for (const set of sets) {
    const control = set[0]?.split('*')[2] ?? '0001';
    segments.push(...set, `SE*${set.length + 1}*${control}`);
  }
  segments.push(`GE*${sets.length}*9`, 'IEA*1*000000009');
  return `${segments.join('~\n')}~\n`;
}
