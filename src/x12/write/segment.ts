// The in-memory shape of an X12 segment as renderers build it and the writer and the runtime
// checks read it. Values are kept raw here: cleaning to the X12 character set happens once, in
// the writer and in the checks, so both see exactly the same text.

/** A simple element is a string; a composite is its components in order. */
export type X12Element = string | readonly string[];

/**
 * Where a segment came from, so a problem found in it can be traced back to the claim, the line
 * and the log rows that billing staff must fix.
 */
export interface SegmentContext {
  /** implementation-guide loop id, e.g. "2010BA" */
  loop: string;
  claimId?: string;
  lineNumber?: number;
  serviceIds?: readonly string[];
}

export interface X12Segment {
  id: string;
  elements: readonly X12Element[];
  context?: SegmentContext;
}

export function segment(id: string, elements: readonly X12Element[], context?: SegmentContext): X12Segment {
  return context ? { id, elements, context } : { id, elements };
}

/** "NM1", 3 -> "NM103"; composites add the component: "SV1", 1, 2 -> "SV101-02". */
export function elementRef(segmentId: string, position: number, component?: number): string {
  const base = `${segmentId}${String(position).padStart(2, '0')}`;
  return component === undefined ? base : `${base}-${String(component).padStart(2, '0')}`;
}
