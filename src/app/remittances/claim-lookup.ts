// Finds our claims for the items of a payer response, over the store, inside the ingest's
// write transaction.
// - A claim item matches on our claim id (CLM01, echoed as CLP01 / 277CA TRN02); failing that,
//   on the payer's claim control number learned from an earlier 277CA or 835, when exactly one
//   claim carries it. When the file comes from a payer we know (ISA06 = a payer profile's
//   interchange receiver id or EDI payer id), the claim must be that payer's: a file from one
//   plan never moves another plan's claim. A sender we do not know (a clearinghouse) is not
//   checked.
// - A 999 matches the batches sent under its group control number (AK102 = our GS06) whose
//   payer answers from the 999's sender (ISA06 = the payer's interchange receiver id or EDI
//   payer id), narrowed to the transaction set it names (AK202 = our ST02).

import type { Payer } from '../../domain/reference.js';
import { fromCents } from '../../domain/money.js';
import type { BatchReference, ClaimLookup, OurClaimInfo } from '../../remit/claim-events.js';
import type { SentBatch } from '../../store/remittance-store.js';
import type { Repositories } from '../../store/store.js';
import { claimsByTransactionSet, controlKey } from './transaction-sets.js';

export class StoreClaimLookup implements ClaimLookup {
  readonly #claims = new Map<string, OurClaimInfo | null>();
  readonly #transactionSets = new Map<string, Map<string, string[]>>();
  /** payers the file's sender is, by their profiles; empty for a sender we do not know */
  readonly #senderPayers: ReadonlySet<string>;

  constructor(
    private readonly repos: Repositories,
    senderId: string,
  ) {
    const sender = senderId.trim();
    this.#senderPayers = new Set(repos.reference.listPayers().filter((p) => sendsAs(p, sender)).map((p) => p.id));
  }

  findClaim(claimId: string, payerClaimControlNumber?: string): OurClaimInfo | undefined {
    const byId = this.#ours(claimId);
    if (byId !== undefined) return byId;
    if (payerClaimControlNumber === undefined || payerClaimControlNumber === '') return undefined;
    const candidates = this.repos.remittances.claimsByPayerReference(payerClaimControlNumber).filter((id) => this.#ours(id) !== undefined);
    const [only] = candidates;
    return candidates.length === 1 && only !== undefined ? this.#ours(only) : undefined;
  }

  /** Why a claim id that exists did not match, for the unmatched list. */
  explain(claimId: string): string | undefined {
    const claim = this.#claim(claimId);
    if (claim === undefined || this.#ours(claimId) !== undefined) return undefined;
    return `claim ${claimId} belongs to payer ${claim.payerId}, which did not send this file`;
  }

  #ours(claimId: string): OurClaimInfo | undefined {
    const claim = this.#claim(claimId);
    if (claim === undefined) return undefined;
    return this.#senderPayers.size === 0 || this.#senderPayers.has(claim.payerId) ? claim : undefined;
  }

  claimsInBatch(reference: BatchReference): readonly OurClaimInfo[] {
    const sender = reference.senderId.trim();
    const out: OurClaimInfo[] = [];
    for (const batch of this.repos.remittances.batchesByGroupControl(controlKey(reference.groupControlNumber))) {
      if (!this.#answersFor(batch.payerId, sender)) continue;
      for (const { claimId, transactionControlNumber } of this.#claimsOf(batch, reference.transactionControlNumber)) {
        const claim = this.#claim(claimId);
        if (claim !== undefined) out.push({ ...claim, groupControlNumber: batch.groupControl, transactionControlNumber });
      }
    }
    return out;
  }

  #claim(claimId: string): OurClaimInfo | undefined {
    let info = this.#claims.get(claimId);
    if (info === undefined) {
      const facts = this.repos.remittances.claimFacts(claimId);
      info = facts === undefined ? null : { claimId: facts.claimId, payerId: facts.payerId, totalCharge: fromCents(facts.totalChargeCents) };
      this.#claims.set(claimId, info);
    }
    return info ?? undefined;
  }

  #answersFor(payerId: string, sender: string): boolean {
    const payer = this.repos.reference.getPayer(payerId);
    return payer !== undefined && sendsAs(payer, sender);
  }

  /** The batch's claims in the named transaction set (all of them when none is named). */
  #claimsOf(batch: SentBatch, transactionControlNumber: string | undefined): Array<{ claimId: string; transactionControlNumber: string }> {
    const first = batch.firstTransactionControl;
    if (transactionControlNumber === undefined || first === undefined) {
      return transactionSetsOfBatch(this.repos, batch, this.#transactionSets).flatMap(([set, claims]) => claims.map((claimId) => ({ claimId, transactionControlNumber: set })));
    }
    const wanted = controlKey(transactionControlNumber);
    const offset = Number(wanted) - Number(controlKey(first));
    if (!Number.isInteger(offset) || offset < 0 || offset >= batch.transactionCount) return [];
    const claims = transactionSetsOfBatch(this.repos, batch, this.#transactionSets).find(([set]) => controlKey(set) === wanted)?.[1] ?? [];
    return claims.map((claimId) => ({ claimId, transactionControlNumber: wanted }));
  }
}

/** Whether a payer's files come from this ISA06: our receiver id for it, or its EDI payer id. */
function sendsAs(payer: Payer, sender: string): boolean {
  return payer.interchange.receiverId.trim() === sender || payer.ediPayerId.trim() === sender;
}

/**
 * [ST02, claim ids] of each transaction set of a batch. A batch of one set needs no reading of
 * its file; a larger one is read once per lookup.
 */
export function transactionSetsOfBatch(repos: Repositories, batch: SentBatch, cache?: Map<string, Map<string, string[]>>): Array<[string, string[]]> {
  const first = batch.firstTransactionControl;
  // A batch that is not an X12 interchange (no ST02) is one set with no control number.
  if (batch.transactionCount <= 1 || first === undefined) return [[first === undefined ? '' : controlKey(first), repos.batches.claimIds(batch.batchId)]];
  let sets = cache?.get(batch.batchId);
  if (sets === undefined) {
    sets = claimsByTransactionSet(repos.batches.chunks(batch.batchId));
    cache?.set(batch.batchId, sets);
  }
  return [...sets.entries()];
}
