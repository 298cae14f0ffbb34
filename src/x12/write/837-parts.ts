// An 837 written in parts that can be rendered apart, on either thread, and joined in order:
// each part is a run of whole subscriber groups of one transaction set, checked and written on
// its own. The envelope (ISA/GS, each ST/SE, GE/IEA) is written around the parts by whoever joins
// them, counting the parts' segments for SE01. Joined, the parts give the same bytes as the
// interchange built in one piece (build837p / build837i).

import type { ValidationIssue } from '../../domain/claim.js';
import type { ClaimWithParties, SubmissionClock, SubmissionParties } from '../../domain/submission.js';
import { checkedGroups, transactionBodyPart, type Format837 } from './837-common.js';
import { FORMAT_837P } from './837p.js';
import { format837i, type Render837iOptions } from './837i.js';
import { checkedSegmentWriter } from './segment-rules.js';
import type { WriterOptions } from './writer.js';

export type Format837Name = '837p' | '837i';

/** The guide's loops for a format; fails (X12RenderError) when the payer profile lacks what it needs. */
export function format837(name: Format837Name, parties: SubmissionParties, options: Render837iOptions): Format837 {
  return name === '837p' ? FORMAT_837P : format837i(parties, options);
}

export interface PartSpec {
  format: Format837Name;
  parties: SubmissionParties;
  clock: SubmissionClock;
  /** BHT03 */
  batchId: string;
  writer: WriterOptions & Pick<Render837iOptions, 'reasonForVisit'>;
}

export interface RenderedPart {
  text: string;
  /** segments in `text`, for SE01 */
  segments: number;
  claims: number;
  /** what the final element check found in this part */
  issues: ValidationIssue[];
}

/** One part: its subscriber groups in order, the first group's HL01, and whether it opens its set. */
export function renderPart(spec: PartSpec, groups: Iterable<readonly ClaimWithParties[]>, firstHl: number, header: boolean): RenderedPart {
  const format = format837(spec.format, spec.parties, { batchId: spec.batchId, ...spec.writer });
  const writer = checkedSegmentWriter({ ...spec.writer, format: spec.format });
  const texts: string[] = [];
  let claims = 0;
  for (const seg of transactionBodyPart(spec.parties, spec.clock, spec.batchId, format, { groups: checkedGroups(spec.parties, groups, format.limits), firstHl, header })) {
    if (seg.id === 'CLM') claims++;
    texts.push(writer.text(seg));
  }
  return { text: texts.join(''), segments: texts.length, claims, issues: writer.finish() };
}
