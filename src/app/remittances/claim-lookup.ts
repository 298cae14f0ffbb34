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
import type { PayerResponse } from '../../domain/remittance.js';
import { fromCents } from '../../domain/money.js';
import { eventsFromPayerResponse, type BatchReference, type ClaimLookup, type OurClaimInfo } from '../../remit/claim-events.js';
import type { SentBatch } from '../../store/remittance-store.js';
import type { Repositories } from '../../store/store.js';
import { claimsByTransactionSet, controlKey } from './transaction-sets.js';

/** What remit's fold asks a ClaimLookup: one claim, or the claims sent in a group (a 999). */
type Question = { kind: 'claim'; claimId: string; payerClaimControlNumber: string | undefined } | { kind: 'batch'; batch: BatchReference };

export class StoreClaimLookup {
  readonly #claims = new Map<string, OurClaimInfo | null>();
  readonly #transactionSets = new Map<string, Map<string, string[]>>();
  /** payers the file's sender is, by their profiles; empty for a sender we do not know */
  readonly #senderPayers: ReadonlySet<string>;

  private constructor(
    private readonly repos: Repositories,
    senderPayers: ReadonlySet<string>,
  ) {
    this.#senderPayers = senderPayers;
  }

  static async forSender(repos: Repositories, senderId: string): Promise<StoreClaimLookup> {
    const sender = senderId.trim();
    const payers = await repos.reference.listPayers();
    return new StoreClaimLookup(repos, new Set(payers.filter((p) => sendsAs(p, sender)).map((p) => p.id)));
  }

  /**
   * The lookup for one response, every answer read beforehand: remit's fold asks synchronously and
   * the store answers with promises. Which questions a response raises depends on the response
   * alone, so a first pass that answers nothing lists them, and they are answered a few hundred
   * claims to a query (an 835 may name a hundred thousand). Called after the file's earlier
   * responses were written, so a payer reference learned from one of them is seen, as before.
   */
  async prepare(response: PayerResponse): Promise<ClaimLookup> {
    const questions = questionsOf(response);
    const asked = questions.flatMap((q) => (q.kind === 'claim' ? [q] : []));
    await this.#load(asked.map((q) => q.claimId));
    const numbers = asked.filter((q) => this.#ours(q.claimId) === undefined && q.payerClaimControlNumber !== undefined && q.payerClaimControlNumber !== '');
    const references = await this.repos.remittances.claimsByPayerReferences(numbers.map((q) => q.payerClaimControlNumber as string));
    await this.#load([...references.values()].flat());

    const claims = new Map<string, OurClaimInfo | undefined>();
    const batches = new Map<string, readonly OurClaimInfo[]>();
    for (const question of questions) {
      if (question.kind === 'claim') {
        const key = claimKey(question.claimId, question.payerClaimControlNumber);
        if (!claims.has(key)) claims.set(key, this.#findClaim(question.claimId, references.get(question.payerClaimControlNumber ?? '') ?? []));
      } else {
        const key = batchKey(question.batch);
        if (!batches.has(key)) batches.set(key, await this.#claimsInBatch(question.batch));
      }
    }
    return {
      findClaim: (claimId, payerClaimControlNumber) => answer(claims, claimKey(claimId, payerClaimControlNumber)),
      claimsInBatch: (batch) => answer(batches, batchKey(batch)),
    };
  }

  /** Our claim by its id; failing that, the one claim of ours that carries the payer's number. */
  #findClaim(claimId: string, carryingPayerNumber: readonly string[]): OurClaimInfo | undefined {
    const byId = this.#ours(claimId);
    if (byId !== undefined) return byId;
    const candidates = carryingPayerNumber.filter((id) => this.#ours(id) !== undefined);
    const [only] = candidates;
    return candidates.length === 1 && only !== undefined ? this.#ours(only) : undefined;
  }

  /** The facts of the claims first asked about, read in sets and kept for the whole file. */
  async #load(claimIds: readonly string[]): Promise<void> {
    const missing = [...new Set(claimIds.filter((id) => !this.#claims.has(id)))];
    if (missing.length === 0) return;
    const facts = await this.repos.remittances.claimFactsOf(missing);
    for (const id of missing) {
      const f = facts.get(id);
      this.#claims.set(id, f === undefined ? null : { claimId: f.claimId, payerId: f.payerId, totalCharge: fromCents(f.totalChargeCents) });
    }
  }

  /** Why a claim id that exists did not match, for the unmatched list. */
  async explain(claimId: string): Promise<string | undefined> {
    await this.#load([claimId]);
    const claim = this.#claims.get(claimId);
    if (claim === undefined || claim === null || this.#ours(claimId) !== undefined) return undefined;
    return `claim ${claimId} belongs to payer ${claim.payerId}, which did not send this file`;
  }

  /** The one payer profile the file's sender is; undefined for a sender we do not know, or several. */
  senderPayer(): string | undefined {
    const [only] = this.#senderPayers;
    return this.#senderPayers.size === 1 ? only : undefined;
  }

  /** The claim of ours a free-text reference names (a PLB's): our claim id, else the payer's claim number. */
  async claimNamedBy(reference: string): Promise<OurClaimInfo | undefined> {
    await this.#load([reference]);
    const carrying = (await this.repos.remittances.claimsByPayerReferences([reference])).get(reference) ?? [];
    await this.#load(carrying);
    return this.#findClaim(reference, carrying);
  }

  /** The payer of a claim this lookup has read; undefined for one it has not, or that does not exist. */
  payerOf(claimId: string): string | undefined {
    return this.#claims.get(claimId)?.payerId;
  }

  #ours(claimId: string): OurClaimInfo | undefined {
    const claim = this.#claims.get(claimId) ?? undefined;
    if (claim === undefined) return undefined;
    return this.#senderPayers.size === 0 || this.#senderPayers.has(claim.payerId) ? claim : undefined;
  }

  async #claimsInBatch(reference: BatchReference): Promise<readonly OurClaimInfo[]> {
    const sender = reference.senderId.trim();
    const out: OurClaimInfo[] = [];
    for (const batch of await this.repos.remittances.batchesByGroupControl(controlKey(reference.groupControlNumber))) {
      if (!(await this.#answersFor(batch.payerId, sender))) continue;
      const claims = await this.#claimsOf(batch, reference.transactionControlNumber);
      await this.#load(claims.map((c) => c.claimId));
      for (const { claimId, transactionControlNumber } of claims) {
        const claim = this.#claims.get(claimId);
        if (claim) out.push({ ...claim, groupControlNumber: batch.groupControl, transactionControlNumber });
      }
    }
    return out;
  }

  async #answersFor(payerId: string, sender: string): Promise<boolean> {
    const payer = await this.repos.reference.getPayer(payerId);
    return payer !== undefined && sendsAs(payer, sender);
  }

  /** The batch's claims in the named transaction set (all of them when none is named). */
  async #claimsOf(batch: SentBatch, transactionControlNumber: string | undefined): Promise<Array<{ claimId: string; transactionControlNumber: string }>> {
    const first = batch.firstTransactionControl;
    if (transactionControlNumber === undefined || first === undefined) {
      const sets = await transactionSetsOfBatch(this.repos, batch, this.#transactionSets);
      return sets.flatMap(([set, claims]) => claims.map((claimId) => ({ claimId, transactionControlNumber: set })));
    }
    const wanted = controlKey(transactionControlNumber);
    const offset = Number(wanted) - Number(controlKey(first));
    if (!Number.isInteger(offset) || offset < 0 || offset >= batch.transactionCount) return [];
    const claims = (await transactionSetsOfBatch(this.repos, batch, this.#transactionSets)).find(([set]) => controlKey(set) === wanted)?.[1] ?? [];
    return claims.map((claimId) => ({ claimId, transactionControlNumber: wanted }));
  }
}

/** The questions remit's fold asks about a response, in order, from a pass answered with nothing. */
function questionsOf(response: PayerResponse): Question[] {
  const questions: Question[] = [];
  eventsFromPayerResponse(response, {
    findClaim: (claimId, payerClaimControlNumber) => {
      questions.push({ kind: 'claim', claimId, payerClaimControlNumber });
      return undefined;
    },
    claimsInBatch: (batch) => {
      questions.push({ kind: 'batch', batch: { ...batch } });
      return [];
    },
  });
  return questions;
}

function claimKey(claimId: string, payerClaimControlNumber: string | undefined): string {
  return JSON.stringify([claimId, payerClaimControlNumber ?? null]);
}

function batchKey(batch: BatchReference): string {
  return JSON.stringify([batch.senderId, batch.groupControlNumber, batch.transactionControlNumber ?? null]);
}

/** A prepared answer; a question the first pass did not raise means the fold changed under us. */
function answer<T>(answers: ReadonlyMap<string, T>, key: string): T {
  if (!answers.has(key)) throw new Error('the claim lookup was asked a question the payer response did not raise before');
  return answers.get(key) as T;
}

/** Whether a payer's files come from this ISA06: our receiver id for it, or its EDI payer id. */
function sendsAs(payer: Payer, sender: string): boolean {
  return payer.interchange.receiverId.trim() === sender || payer.ediPayerId.trim() === sender;
}

/**
 * [ST02, claim ids] of each transaction set of a batch. A batch of one set needs no reading of
 * its file; a larger one is read once per lookup.
 */
export async function transactionSetsOfBatch(repos: Repositories, batch: SentBatch, cache?: Map<string, Map<string, string[]>>): Promise<Array<[string, string[]]>> {
  const first = batch.firstTransactionControl;
  // A batch that is not an X12 interchange (no ST02) is one set with no control number.
  if (batch.transactionCount <= 1 || first === undefined) return [[first === undefined ? '' : controlKey(first), await repos.batches.claimIds(batch.batchId)]];
  let sets = cache?.get(batch.batchId);
  if (sets === undefined) {
    sets = await claimsByTransactionSet(repos.batches.chunks(batch.batchId));
    cache?.set(batch.batchId, sets);
  }
  return [...sets.entries()];
}
