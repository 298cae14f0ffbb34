// What the payer sends back, read from 999, 277CA and 835 files into plain records that
// remit/ applies to claims. Amounts are decimal strings, dates calendar dates.

export interface FileAcknowledgment {
  kind: '999';
  /** AK1-02 / AK2-02 of the functional group and transaction set acknowledged */
  groupControlNumber: string;
  transactions: Array<{ transactionControlNumber: string; accepted: boolean; errors: string[] }>;
  /** AK9-01: A accepted, E accepted with errors, P partially, R rejected */
  groupStatus: 'A' | 'E' | 'P' | 'R' | 'M' | 'W' | 'X';
  /** ISA13 of the 999 itself, to recognise the same file twice */
  interchangeControlNumber: string;
  senderId: string;
  date: string;
}

export interface ClaimAcknowledgment {
  kind: '277CA';
  interchangeControlNumber: string;
  senderId: string;
  date: string;
  claims: Array<{
    /** our claim id (REF*1K is the payer's; TRN02 carries our CLM01) */
    claimId: string;
    payerClaimControlNumber?: string;
    accepted: boolean;
    /** STC01 composites, e.g. "A1:20" or "A3:21" */
    statusCodes: string[];
    /** the payer's received date for this claim (DTP*050 / STC02) */
    receivedDate?: string;
    totalCharge?: string;
    message?: string;
  }>;
}

export interface Adjustment {
  group: string;
  reason: string;
  amount: string;
  quantity?: string;
}

export interface RemittanceClaim {
  claimId: string;
  /** CLP02: 1 processed as primary, 2 secondary, 3 tertiary, 4 denied, 19-23 forwarded/ reversal (22) */
  status: string;
  totalCharge: string;
  paid: string;
  patientResponsibility?: string;
  payerClaimControlNumber?: string;
  receivedDate?: string;
  /** AMT*I: the prompt-pay interest the plan paid with this claim */
  interest?: string;
  adjustments: Adjustment[];
  remarkCodes: string[];
  lines: Array<{
    code: string;
    modifiers: string[];
    charge: string;
    paid: string;
    units?: string;
    serviceDate?: string;
    adjustments: Adjustment[];
    remarkCodes: string[];
  }>;
}

export interface RemittancePayment {
  /** TRN02: check or EFT trace number */
  traceNumber: string;
  /** BPR16: check or EFT effective date */
  paymentDate: string;
  totalPaid: string;
  method: string;
  payerName?: string;
  payerId?: string;
  claims: RemittanceClaim[];
  /**
   * PLB: the payment's provider-level adjustments, each reason (e.g. L6 interest, WO an
   * overpayment recovered) with the reference it names (a claim, an invoice) and its amount; a
   * positive amount was taken from the payment, a negative one added to it.
   */
  providerAdjustments?: ProviderAdjustment[];
}

export interface ProviderAdjustment {
  reason: string;
  reference?: string;
  amount: string;
  /** PLB02: the end of the provider's fiscal period the adjustment belongs to */
  fiscalPeriodDate?: string;
}

export interface Remittance {
  kind: '835';
  interchangeControlNumber: string;
  senderId: string;
  date: string;
  payments: RemittancePayment[];
}

export type PayerResponse = FileAcknowledgment | ClaimAcknowledgment | Remittance;
