// The one error a payer file can raise. Billing staff see the message, so it names the segment
// and where it sits; callers that want to point at the spot read `location`.

export interface PayerFileLocation {
  /** segment id, e.g. "CLP" */
  segment?: string;
  /** 1-based position of the segment in the file (ISA = 1) */
  position?: number;
  /** ST02 of the transaction set the segment belongs to */
  transaction?: string;
  /** 0-based byte offset, for problems found before segments exist (binary data, header) */
  byteOffset?: number;
}

export class PayerFileError extends Error {
  override readonly name = 'PayerFileError';
  readonly location: PayerFileLocation;

  constructor(problem: string, location: PayerFileLocation = {}) {
    super(`${describeLocation(location)}${problem}`);
    this.location = location;
  }
}

function describeLocation(location: PayerFileLocation): string {
  const parts: string[] = [];
  if (location.segment !== undefined && location.position !== undefined) parts.push(`segment ${location.segment} at position ${location.position}`);
  else if (location.position !== undefined) parts.push(`segment position ${location.position}`);
  if (location.transaction !== undefined) parts.push(`transaction set ${location.transaction}`);
  if (location.byteOffset !== undefined) parts.push(`byte ${location.byteOffset}`);
  return parts.length > 0 ? `${parts.join(', ')}: ` : '';
}
