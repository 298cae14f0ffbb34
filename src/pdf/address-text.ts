// Postal text shared by the paper claim and the invoice.

/** A nine-digit ZIP is written with its hyphen on paper (NUCC, USPS). */
export function zipWithHyphen(zip: string): string {
  return zip.length === 9 ? `${zip.slice(0, 5)}-${zip.slice(5)}` : zip;
}
