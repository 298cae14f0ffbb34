// 835 (005010X221A1) transaction set -> RemittancePayment records. One ST..SE normally carries
// one BPR/TRN (one check or EFT); a second BPR inside the same set is read as another payment
// rather than merged, because some payers concatenate checks that way.

import type { Adjustment, ProviderAdjustment, RemittanceClaim, RemittancePayment } from '../../domain/remittance.js';
import type { SegmentView } from './segments.js';

type RemittanceLine = RemittanceClaim['lines'][number];

/** CAS has six reason/amount/quantity triplets starting at CAS02. */
const CAS_TRIPLET_STARTS = [2, 5, 8, 11, 14, 17] as const;
const MOA_REMARKS = [3, 4, 5, 6, 7] as const;
const MIA_REMARKS = [5, 20, 21, 22, 23] as const;
/** PLB has six reason:reference / amount pairs starting at PLB03. */
const PLB_PAIR_STARTS = [3, 5, 7, 9, 11, 13] as const;

export class RemittanceTransactionReader {
  readonly payments: RemittancePayment[] = [];
  #payment: RemittancePayment | undefined;
  #paymentStart: SegmentView | undefined;
  #claim: RemittanceClaim | undefined;
  #line: RemittanceLine | undefined;

  accept(segment: SegmentView): void {
    switch (segment.id) {
      case 'BPR':
        this.#closePayment();
        this.#payment = {
          totalPaid: segment.requiredAmount(2, 'total actual provider payment amount'),
          method: segment.element(4),
          paymentDate: segment.requiredDate(16, 'check issue or EFT effective date'),
          traceNumber: '',
          claims: [],
        };
        this.#paymentStart = segment;
        return;
      case 'TRN':
        this.#requirePayment(segment).traceNumber = segment.required(2, 'check or EFT trace number');
        return;
      case 'N1':
        this.#readParty(segment);
        return;
      case 'REF':
        // 1000A REF*2U carries the payer id when N1*PR has none.
        if (this.#claim === undefined && segment.element(1) === '2U' && this.#payment && this.#payment.payerId === undefined) {
          this.#payment.payerId = segment.element(2);
        }
        return;
      case 'LX':
        this.#closeClaim();
        return;
      case 'PLB':
        this.#closeClaim();
        this.#readProviderAdjustments(segment);
        return;
      case 'AMT':
        // AMT*I sits in the claim loop; a line's AMT (B6, allowed) is not interest.
        if (this.#claim !== undefined && this.#line === undefined && segment.element(1) === 'I') this.#claim.interest = segment.requiredAmount(2, 'interest amount');
        return;
      case 'CLP':
        this.#openClaim(segment);
        return;
      case 'CAS':
        this.#readAdjustment(segment);
        return;
      case 'MOA':
        this.#addClaimRemarks(segment, MOA_REMARKS);
        return;
      case 'MIA':
        this.#addClaimRemarks(segment, MIA_REMARKS);
        return;
      case 'DTM':
        this.#readDate(segment);
        return;
      case 'SVC':
        this.#openLine(segment);
        return;
      case 'LQ':
        if (this.#line !== undefined && segment.element(1) === 'HE') this.#line.remarkCodes.push(segment.required(2, 'remark code'));
        return;
      default:
        // TS3, TS2, NM1, PER, QTY, RDM, CUR...: nothing the claim records hold.
        return;
    }
  }

  finish(trailer: SegmentView): void {
    this.#closePayment();
    if (this.payments.length === 0) trailer.fail('the 835 transaction set holds no BPR (financial information) segment');
  }

  #requirePayment(segment: SegmentView): RemittancePayment {
    if (this.#payment === undefined) segment.fail(`${segment.id} before the BPR segment that opens the payment`);
    return this.#payment;
  }

  #readParty(segment: SegmentView): void {
    if (segment.element(1) !== 'PR') return;
    const payment = this.#requirePayment(segment);
    const name = segment.element(2);
    if (name !== '') payment.payerName = name;
    const id = segment.element(4);
    if (id !== '') payment.payerId = id;
  }

  #openClaim(segment: SegmentView): void {
    const payment = this.#requirePayment(segment);
    this.#closeClaim();
    const claim: RemittanceClaim = {
      claimId: segment.required(1, 'patient control number'),
      status: segment.required(2, 'claim status code'),
      totalCharge: segment.requiredAmount(3, 'total claim charge amount'),
      paid: segment.requiredAmount(4, 'claim payment amount'),
      adjustments: [],
      remarkCodes: [],
      lines: [],
    };
    const patientResponsibility = segment.amount(5, 'patient responsibility amount');
    if (patientResponsibility !== undefined) claim.patientResponsibility = patientResponsibility;
    const payerClaimControlNumber = segment.element(7);
    if (payerClaimControlNumber !== '') claim.payerClaimControlNumber = payerClaimControlNumber;
    payment.claims.push(claim);
    this.#claim = claim;
  }

  #openLine(segment: SegmentView): void {
    const claim = this.#claim;
    if (claim === undefined) segment.fail('SVC outside a claim (no CLP before it)');
    const procedure = segment.components(1);
    const line: RemittanceLine = {
      code: procedure[1] ?? '',
      modifiers: procedure.slice(2, 6).filter((m) => m !== ''),
      charge: segment.requiredAmount(2, 'line item charge amount'),
      paid: segment.requiredAmount(3, 'line item provider payment amount'),
      adjustments: [],
      remarkCodes: [],
    };
    if (line.code === '') segment.fail('SVC01-02 (procedure code) is required but empty');
    const units = segment.element(5);
    if (units !== '') line.units = units;
    claim.lines.push(line);
    this.#line = line;
  }

  #readAdjustment(segment: SegmentView): void {
    const target = this.#line ?? this.#claim;
    if (target === undefined) segment.fail('CAS outside a claim (no CLP before it)');
    const group = segment.required(1, 'claim adjustment group code');
    for (const start of CAS_TRIPLET_STARTS) {
      const reason = segment.element(start);
      if (reason === '') continue;
      const adjustment: Adjustment = { group, reason, amount: segment.requiredAmount(start + 1, 'adjustment amount') };
      const quantity = segment.element(start + 2);
      if (quantity !== '') adjustment.quantity = quantity;
      target.adjustments.push(adjustment);
    }
  }

  #readProviderAdjustments(segment: SegmentView): void {
    const payment = this.#requirePayment(segment);
    const fiscalPeriodDate = segment.date(2, 'fiscal period date');
    for (const start of PLB_PAIR_STARTS) {
      const reason = segment.component(start, 1);
      if (reason === '') continue;
      const adjustment: ProviderAdjustment = { reason, amount: segment.requiredAmount(start + 1, 'provider adjustment amount') };
      const reference = segment.component(start, 2);
      if (reference !== '') adjustment.reference = reference;
      if (fiscalPeriodDate !== undefined) adjustment.fiscalPeriodDate = fiscalPeriodDate;
      (payment.providerAdjustments ??= []).push(adjustment);
    }
  }

  #addClaimRemarks(segment: SegmentView, elements: readonly number[]): void {
    const claim = this.#claim;
    if (claim === undefined) segment.fail(`${segment.id} outside a claim (no CLP before it)`);
    for (const n of elements) {
      const code = segment.element(n);
      if (code !== '' && !claim.remarkCodes.includes(code)) claim.remarkCodes.push(code);
    }
  }

  #readDate(segment: SegmentView): void {
    const qualifier = segment.element(1);
    if (this.#line !== undefined) {
      // 472 is the service date; 150 (period start) stands in when the payer sends a period.
      if (qualifier === '472' || (qualifier === '150' && this.#line.serviceDate === undefined)) {
        this.#line.serviceDate = segment.requiredDate(2, 'service date');
      }
      return;
    }
    if (this.#claim !== undefined && qualifier === '050') {
      this.#claim.receivedDate = segment.requiredDate(2, 'claim received date');
    }
  }

  #closeClaim(): void {
    this.#claim = undefined;
    this.#line = undefined;
  }

  #closePayment(): void {
    this.#closeClaim();
    const payment = this.#payment;
    if (payment === undefined) return;
    if (payment.traceNumber === '') this.#paymentStart?.fail('the payment opened by this BPR has no TRN (check or EFT trace number)');
    this.payments.push(payment);
    this.#payment = undefined;
  }
}
