// Our own compact table of the element rules for the segments we emit in the 837P (X222A1) and
// 837I (X223A2) and their envelope, written from the implementation guides: for each element
// position its usage (R required, S situational, N not used), X12 data type and min/max length.
//
// Where the guide makes an element situational but an ECM claim always has the situation, the
// table says R so that an empty value is caught before the file leaves (each such place says
// why). Positions past the last one listed are never emitted by us.

export type Usage = 'R' | 'S' | 'N';
export type DataType = 'AN' | 'ID' | 'R' | 'N0' | 'DT' | 'TM';

export interface ElementRule {
  kind: 'element';
  usage: Usage;
  type: DataType;
  min: number;
  max: number;
}

export interface CompositeRule {
  kind: 'composite';
  usage: Usage;
  components: readonly ElementRule[];
}

export type FieldRule = ElementRule | CompositeRule;

export interface SegmentRule {
  fields: readonly FieldRule[];
  /** syntax "P" pairs: both present or both absent (positions, 1-based) */
  pairs?: readonly (readonly [number, number])[];
}

interface Format {
  type: DataType;
  min: number;
  max: number;
}

const f = (type: DataType, min: number, max: number): Format => ({ type, min, max });

/** Data elements by number, as the X12 dictionary defines them. */
const DE = {
  authQualifier: f('ID', 2, 2), // I01, I03
  authInfo: f('AN', 1, 10), // I02, I04 (blank-padded to 10 in the file)
  interchangeIdQualifier: f('ID', 2, 2), // I05
  interchangeId: f('AN', 1, 15), // I06, I07 (blank-padded to 15 in the file)
  isaDate: f('DT', 6, 6), // I08
  isaTime: f('TM', 4, 4), // I09
  separator: f('AN', 1, 1), // I65, I15
  isaVersion: f('ID', 5, 5), // I11
  isaControl: f('N0', 9, 9), // I12
  flag: f('ID', 1, 1), // I13, I14
  groupCount: f('N0', 1, 5), // I16
  functionalId: f('ID', 2, 2), // 479
  applicationCode: f('AN', 2, 15), // 142, 124
  date: f('DT', 8, 8), // 373
  time: f('TM', 4, 8), // 337
  groupControl: f('N0', 1, 9), // 28
  agency: f('ID', 1, 2), // 455
  version: f('AN', 1, 12), // 480
  setCount: f('N0', 1, 6), // 97
  transactionSetId: f('ID', 3, 3), // 143
  setControl: f('AN', 4, 9), // 329
  implementationReference: f('AN', 1, 35), // 1705
  segmentCount: f('N0', 1, 10), // 96
  structure: f('ID', 4, 4), // 1005
  purpose: f('ID', 2, 2), // 353
  reference: f('AN', 1, 50), // 127
  claimOrEncounter: f('ID', 2, 2), // 640
  entityId: f('ID', 2, 3), // 98
  entityType: f('ID', 1, 1), // 1065
  lastOrOrgName: f('AN', 1, 60), // 1035
  firstName: f('AN', 1, 35), // 1036
  middleName: f('AN', 1, 25), // 1037
  prefixOrSuffix: f('AN', 1, 10), // 1038, 1039
  idQualifier: f('ID', 1, 2), // 66
  id: f('AN', 2, 80), // 67
  contactFunction: f('ID', 2, 2), // 366
  name: f('AN', 1, 60), // 93
  commQualifier: f('ID', 2, 2), // 365
  commNumber: f('AN', 1, 256), // 364
  hlId: f('AN', 1, 12), // 628, 734
  hlLevel: f('ID', 1, 2), // 735
  hlChild: f('ID', 1, 1), // 736
  providerCode: f('ID', 1, 3), // 1221
  refQualifier: f('ID', 2, 3), // 128
  address: f('AN', 1, 55), // 166
  city: f('AN', 2, 30), // 19
  state: f('ID', 2, 2), // 156
  postalCode: f('ID', 3, 15), // 116
  payerSequence: f('ID', 1, 1), // 1138
  relationship: f('ID', 2, 2), // 1069
  filingIndicator: f('ID', 1, 2), // 1032
  claimType: f('ID', 1, 2), // 1343
  insuranceType: f('ID', 1, 3), // 1336
  coordination: f('ID', 1, 1), // 1143
  employment: f('ID', 2, 2), // 584
  serviceType: f('ID', 1, 2), // 1365
  periodFormat: f('ID', 2, 3), // 1250
  period: f('AN', 1, 35), // 1251
  gender: f('ID', 1, 1), // 1068
  // 1028 allows 38, but the 837 guides tell receivers to keep only 20 characters of CLM01:
  // a longer claim id would come back truncated on the 277CA and 835 and match nothing.
  claimId: f('AN', 1, 20),
  amount: f('R', 1, 18), // 782
  facilityCode: f('AN', 1, 2), // 1331
  facilityQualifier: f('ID', 1, 2), // 1332
  frequency: f('ID', 1, 1), // 1325
  yesNo: f('ID', 1, 1), // 1073, 1359, 1363
  codeQualifier: f('ID', 1, 3), // 1270
  industryCode: f('AN', 1, 30), // 1271
  assignedNumber: f('N0', 1, 6), // 554
  serviceIdQualifier: f('ID', 2, 2), // 235
  procedureCode: f('AN', 1, 48), // 234
  modifier: f('AN', 2, 2), // 1339
  unitBasis: f('ID', 2, 2), // 355
  quantity: f('R', 1, 15), // 380
  pointer: f('N0', 1, 2), // 1328
  dateQualifier: f('ID', 3, 3), // 374
  admission: f('ID', 1, 1), // 1315, 1314
  patientStatus: f('ID', 1, 2), // 1352
} as const;

/** Element rules from a usage string ("RRS...") and the formats in the same order. */
function elements(usage: string, formats: readonly (Format | CompositeRule)[]): FieldRule[] {
  if (usage.length !== formats.length) throw new Error(`element-rules: usage "${usage}" has ${usage.length} positions for ${formats.length} formats`);
  return formats.map((fmt, i) => {
    const u = usage[i] as Usage;
    return 'components' in fmt ? { ...fmt, usage: u } : { kind: 'element', usage: u, ...fmt };
  });
}

function composite(usage: string, formats: readonly Format[]): CompositeRule {
  return { kind: 'composite', usage: 'R', components: elements(usage, formats) as ElementRule[] };
}

const NM1 = [DE.entityId, DE.entityType, DE.lastOrOrgName, DE.firstName, DE.middleName, DE.prefixOrSuffix, DE.prefixOrSuffix, DE.idQualifier, DE.id];
const NM1_PAIRS = [[8, 9]] as const;
const PRV = [DE.providerCode, DE.refQualifier, DE.reference];
const PROCEDURE = [DE.serviceIdQualifier, DE.procedureCode, DE.modifier, DE.modifier, DE.modifier, DE.modifier];
const diagnosis = composite('RR', [DE.codeQualifier, DE.industryCode]);
const diagnoses = (first: Usage, count: number): FieldRule[] => Array.from({ length: count }, (_, i) => ({ ...diagnosis, usage: i === 0 ? first : 'S' }));

/** Rules shared by the 837P and the 837I, keyed "loop segment". */
const COMMON: Record<string, SegmentRule> = {
  'ISA_LOOP ISA': {
    fields: elements('RSRSRRRRRRRRRRRR', [
      DE.authQualifier, DE.authInfo, DE.authQualifier, DE.authInfo, DE.interchangeIdQualifier, DE.interchangeId,
      DE.interchangeIdQualifier, DE.interchangeId, DE.isaDate, DE.isaTime, DE.separator, DE.isaVersion,
      DE.isaControl, DE.flag, DE.flag, DE.separator,
    ]),
  },
  'GS_LOOP GS': {
    fields: elements('RRRRRRRR', [DE.functionalId, DE.applicationCode, DE.applicationCode, DE.date, DE.time, DE.groupControl, DE.agency, DE.version]),
  },
  'ST_LOOP ST': { fields: elements('RRR', [DE.transactionSetId, DE.setControl, DE.implementationReference]) },
  'ST_LOOP SE': { fields: elements('RR', [DE.segmentCount, DE.setControl]) },
  'GS_LOOP GE': { fields: elements('RR', [DE.setCount, DE.groupControl]) },
  'ISA_LOOP IEA': { fields: elements('RR', [DE.groupCount, DE.isaControl]) },
  'HEADER BHT': { fields: elements('RRRRRR', [DE.structure, DE.purpose, DE.reference, DE.date, DE.time, DE.claimOrEncounter]) },
  '1000A NM1': { fields: elements('RRRSSNNRR', NM1), pairs: NM1_PAIRS },
  '1000A PER': {
    fields: elements('RSRRSS', [DE.contactFunction, DE.name, DE.commQualifier, DE.commNumber, DE.commQualifier, DE.commNumber]),
    pairs: [[3, 4], [5, 6]],
  },
  '1000B NM1': { fields: elements('RRRNNNNRR', NM1), pairs: NM1_PAIRS },
  '2000A HL': { fields: elements('RNRR', [DE.hlId, DE.hlId, DE.hlLevel, DE.hlChild]) },
  '2000A PRV': { fields: elements('RRR', PRV) },
  // NM108/NM109 are situational for atypical providers; an 837 of ours always carries the
  // billing NPI (an organization without one bills by invoice).
  '2010AA NM1': { fields: elements('RRRNNNNRR', NM1), pairs: NM1_PAIRS },
  '2010AA N3': { fields: elements('RS', [DE.address, DE.address]) },
  // N402/N403 are required for US addresses, which all of ours are.
  '2010AA N4': { fields: elements('RRR', [DE.city, DE.state, DE.postalCode]) },
  '2010AA REF': { fields: elements('RR', [DE.refQualifier, DE.reference]) },
  '2000B HL': { fields: elements('RRRR', [DE.hlId, DE.hlId, DE.hlLevel, DE.hlChild]) },
  // SBR02 is required when the subscriber is the patient, and SBR09 until the national plan id
  // exists: both always true here.
  '2000B SBR': { fields: elements('RRSSNNNNR', [DE.payerSequence, DE.relationship, DE.reference, DE.name, DE.insuranceType, DE.coordination, DE.yesNo, DE.employment, DE.filingIndicator]) },
  // The member id (NM108 MI, NM109 CIN) is how the plan finds the member.
  '2010BA NM1': { fields: elements('RRRSSNSRR', NM1), pairs: NM1_PAIRS },
  '2010BA N3': { fields: elements('RS', [DE.address, DE.address]) },
  '2010BA N4': { fields: elements('RRR', [DE.city, DE.state, DE.postalCode]) },
  '2010BA DMG': { fields: elements('RRR', [DE.periodFormat, DE.period, DE.gender]), pairs: [[1, 2]] },
  '2010BB NM1': { fields: elements('RRRNNNNRR', NM1), pairs: NM1_PAIRS },
  '2300 REF': { fields: elements('RR', [DE.refQualifier, DE.reference]) },
  '2400 LX': { fields: elements('R', [DE.assignedNumber]) },
  '2400 DTP': { fields: elements('RRR', [DE.dateQualifier, DE.periodFormat, DE.period]) },
};

const P: Record<string, SegmentRule> = {
  '2300 CLM': {
    fields: elements('RRNNRRRRR', [
      DE.claimId, DE.amount, DE.filingIndicator, DE.claimType,
      composite('RRR', [DE.facilityCode, DE.facilityQualifier, DE.frequency]),
      DE.yesNo, DE.yesNo, DE.yesNo, DE.yesNo,
    ]),
  },
  '2300 HI': { fields: diagnoses('R', 12) },
  '2310B NM1': { fields: elements('RRRSSNSRR', NM1), pairs: NM1_PAIRS },
  '2310B PRV': { fields: elements('RRR', PRV) },
  '2400 SV1': {
    fields: elements('RRRRSNR', [
      composite('RRSSSS', PROCEDURE), DE.amount, DE.unitBasis, DE.quantity, DE.facilityCode, DE.serviceType,
      composite('RSSS', [DE.pointer, DE.pointer, DE.pointer, DE.pointer]),
    ]),
  },
  '2420A NM1': { fields: elements('RRRSSNSRR', NM1), pairs: NM1_PAIRS },
  '2420A PRV': { fields: elements('RRR', PRV) },
};

const I: Record<string, SegmentRule> = {
  '2300 CLM': {
    fields: elements('RRNNRNRRR', [
      DE.claimId, DE.amount, DE.filingIndicator, DE.claimType,
      composite('RRR', [DE.facilityCode, DE.facilityQualifier, DE.frequency]),
      DE.yesNo, DE.yesNo, DE.yesNo, DE.yesNo,
    ]),
  },
  '2300 DTP': { fields: elements('RRR', [DE.dateQualifier, DE.periodFormat, DE.period]) },
  // Admission type and source are for inpatient claims only.
  '2300 CL1': { fields: elements('NNR', [DE.admission, DE.admission, DE.patientStatus]) },
  // One rule covers the principal (ABK, one composite), reason for visit (APR, up to three)
  // and other diagnoses (ABF, up to twelve); the checker limits the count by qualifier.
  '2300 HI': { fields: diagnoses('R', 12) },
  // NM108/NM109 only when the attending provider has an NPI (see 837i.ts).
  '2310A NM1': { fields: elements('RRRSSNSSS', NM1), pairs: NM1_PAIRS },
  '2310A PRV': { fields: elements('RRR', PRV) },
  '2400 SV2': {
    fields: elements('RRRRR', [DE.procedureCode, composite('RRSSSS', PROCEDURE), DE.amount, DE.unitBasis, DE.quantity]),
  },
};

/** How many HI composites each 837I diagnosis qualifier allows in one segment. */
export const HI_COMPOSITES_837I: Readonly<Record<string, number>> = { ABK: 1, APR: 3, ABF: 12 };

export type RuleFormat = '837p' | '837i';

// Looked up once per segment written: by format, loop and segment id without building a key.
const ruleIndex = new Map<RuleFormat, Map<string, Map<string, SegmentRule | undefined>>>();

export function segmentRule(format: RuleFormat, loop: string, segmentId: string): SegmentRule | undefined {
  let byLoop = ruleIndex.get(format);
  if (!byLoop) ruleIndex.set(format, (byLoop = new Map()));
  let bySegment = byLoop.get(loop);
  if (!bySegment) byLoop.set(loop, (bySegment = new Map()));
  if (bySegment.has(segmentId)) return bySegment.get(segmentId);
  const key = `${loop} ${segmentId}`;
  const rule = (format === '837p' ? P[key] : I[key]) ?? COMMON[key];
  bySegment.set(segmentId, rule);
  return rule;
}
