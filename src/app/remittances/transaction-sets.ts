// Which of our claims went out in which transaction set of a batch. batch_claims records the
// batch only; a 999 may accept one transaction set of a batch and reject another, so the stored
// 837 itself is read back (chunk by chunk, ST02 and CLM01 only) to tell them apart.

/** ST02 without leading zeros, as 999 AK202 and our ST02 may pad it differently. */
export function controlKey(value: string): string {
  return value.trim().replace(/^0+(?=\d)/, '');
}

const ISA_LENGTH = 106;

/** ST02 (control key) -> CLM01 of every claim in that transaction set. */
export async function claimsByTransactionSet(chunks: Iterable<Buffer> | AsyncIterable<Buffer>): Promise<Map<string, string[]>> {
  const sets = new Map<string, string[]>();
  let element = '';
  let terminator = '';
  let carry = '';
  let current: string[] | undefined;

  const readSegment = (raw: string) => {
    const segment = raw.trim();
    if (segment === '') return;
    const fields = segment.split(element);
    const id = fields[0];
    if (id === 'ST') {
      current = [];
      sets.set(controlKey(fields[2] ?? ''), current);
    } else if (id === 'SE') {
      current = undefined;
    } else if (id === 'CLM' && current !== undefined && fields[1] !== undefined) {
      current.push(fields[1]);
    }
  };

  for await (const chunk of chunks) {
    carry += chunk.toString('latin1');
    if (terminator === '') {
      if (carry.length < ISA_LENGTH) continue;
      element = carry[3] ?? '*';
      terminator = carry[ISA_LENGTH - 1] ?? '~';
    }
    const parts = carry.split(terminator);
    carry = parts.pop() ?? '';
    for (const part of parts) readSegment(part);
  }
  if (terminator !== '') readSegment(carry);
  return sets;
}
