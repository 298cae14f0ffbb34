// What a renderer (837P, 837I, CMS-1500, invoice) receives: the claims of one payer with every
// party they name, and the clock and control numbers injected so the output is deterministic.

import type { Claim } from './claim.js';
import type { Member, Organization, Payer, Staff } from './reference.js';

export interface ClaimWithParties {
  claim: Claim;
  member: Member;
}

export interface SubmissionParties {
  organization: Organization;
  payer: Payer;
  /** rendering staff by staff_id */
  staff: ReadonlyMap<string, Staff>;
}

export interface SubmissionClock {
  /** calendar date YYYY-MM-DD of the submission */
  date: string;
  /** HHMM, 24-hour */
  time: string;
}

export interface InterchangeControl {
  /** ISA13, 1..999999999 */
  interchange: number;
  /** GS06 */
  group: number;
  /** ST02 of the first transaction set (one transaction set per file by default) */
  transaction: number;
}
