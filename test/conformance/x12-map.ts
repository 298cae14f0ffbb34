// Conformance walker for `npm run conformance`: reads the implementation-guide maps (pyx12 XML)
// from X12_MAPS (default ../shared/x12-maps) when it runs, never copied into the project, and walks a parsed X12 file
// through the loop tree, reporting what a strict receiver would reject: segments out of order or
// unknown, required segments or loops missing, max use / repeat exceeded, element usage,
// lengths, data types, code values, the maps' syntax rules, and the envelope's counts and
// control numbers.
//
// Segment placement follows the usual reading of these maps: a segment belongs to the first map
// node at or after the current position, in the current loop or an enclosing one, whose id
// matches and whose qualifier matches (the first element's code list, or HL03 for HL levels).

import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PROJECT_ROOT } from '../support/paths.js';

/** X12_MAPS, by default ../shared/x12-maps beside the repository (scripts/conformance.mjs checks it is there). */
export const MAPS_DIR = resolve(process.env.X12_MAPS ?? join(PROJECT_ROOT, '..', 'shared', 'x12-maps'));

// ---------------------------------------------------------------------------------------------
// A small XML reader: enough for the maps (elements, attributes, text, comments, entities).

export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
    return ENTITIES[name] ?? whole;
  });
}

const TOKEN = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[([\s\S]*?)\]\]>|<!DOCTYPE[^>]*>|<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/g;
const ATTR = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

export function parseXml(source: string): XmlNode {
  const root: XmlNode = { name: '#document', attrs: {}, children: [], text: '' };
  const stack: XmlNode[] = [root];
  for (const m of source.matchAll(TOKEN)) {
    const top = stack[stack.length - 1]!;
    const [, cdata, closing, name, attrText, selfClosing, text] = m;
    if (cdata !== undefined) top.text += cdata;
    else if (text !== undefined) top.text += decodeEntities(text);
    else if (name !== undefined) {
      if (closing) {
        if (top.name !== name) throw new Error(`XML: </${name}> closes <${top.name}>`);
        stack.pop();
        continue;
      }
      const attrs: Record<string, string> = {};
      for (const a of (attrText ?? '').matchAll(ATTR)) attrs[a[1]!] = decodeEntities(a[2] ?? a[3] ?? '');
      const node: XmlNode = { name, attrs, children: [], text: '' };
      top.children.push(node);
      if (!selfClosing) stack.push(node);
    }
  }
  if (stack.length !== 1) throw new Error(`XML: <${stack[stack.length - 1]!.name}> is never closed`);
  return root;
}

function child(node: XmlNode, name: string): XmlNode | undefined {
  return node.children.find((c) => c.name === name);
}

function childText(node: XmlNode, name: string): string | undefined {
  const c = child(node, name);
  return c === undefined ? undefined : c.text.trim();
}

// ---------------------------------------------------------------------------------------------
// The map model.

export type Usage = 'R' | 'S' | 'N';

export interface MapElement {
  kind: 'element';
  xid: string;
  seq: number;
  dataEle: string;
  usage: Usage;
  /** the map's own code list; empty when there is none */
  codes: readonly string[];
  /** name of an external code list (states, pos, ...); not checked */
  external?: string;
  regex?: RegExp;
  repeat: number;
}

export interface MapComposite {
  kind: 'composite';
  xid: string;
  seq: number;
  usage: Usage;
  repeat: number;
  components: readonly MapElement[];
}

export type MapField = MapElement | MapComposite;

export interface MapSegment {
  kind: 'segment';
  xid: string;
  name: string;
  usage: Usage;
  maxUse: number;
  syntax: readonly string[];
  fields: readonly MapField[];
}

export interface MapLoop {
  kind: 'loop';
  xid: string;
  name: string;
  usage: Usage;
  repeat: number;
  children: (MapLoop | MapSegment)[];
}

export interface DataElement {
  type: string;
  min: number;
  max: number;
}

export interface X12Map {
  root: MapLoop;
  dataElements: ReadonlyMap<string, DataElement>;
}

function count(text: string | undefined, fallback: number): number {
  if (text === undefined || text === '') return fallback;
  if (text.startsWith('>')) return Number.POSITIVE_INFINITY;
  const n = Number(text);
  if (!Number.isFinite(n)) throw new Error(`map: bad count "${text}"`);
  return n;
}

function usageOf(node: XmlNode): Usage {
  const u = childText(node, 'usage');
  if (u !== 'R' && u !== 'S' && u !== 'N') throw new Error(`map: ${node.attrs.xid ?? node.name} has usage "${u}"`);
  return u;
}

function toElement(node: XmlNode): MapElement {
  const valid = child(node, 'valid_codes');
  const regex = childText(node, 'regex');
  return {
    kind: 'element',
    xid: node.attrs.xid ?? '',
    seq: Number(childText(node, 'seq')),
    dataEle: childText(node, 'data_ele') ?? '',
    usage: usageOf(node),
    codes: valid ? valid.children.filter((c) => c.name === 'code').map((c) => c.text.trim()) : [],
    ...(valid?.attrs.external ? { external: valid.attrs.external } : {}),
    ...(regex ? { regex: new RegExp(`^(?:${regex})$`) } : {}),
    repeat: count(childText(node, 'repeat'), 1),
  };
}

function toSegment(node: XmlNode): MapSegment {
  const fields: MapField[] = [];
  for (const c of node.children) {
    if (c.name === 'element') fields.push(toElement(c));
    else if (c.name === 'composite') {
      fields.push({
        kind: 'composite',
        xid: c.attrs.xid ?? '',
        seq: Number(childText(c, 'seq')),
        usage: usageOf(c),
        repeat: count(childText(c, 'repeat'), 1),
        components: c.children.filter((e) => e.name === 'element').map(toElement),
      });
    }
  }
  return {
    kind: 'segment',
    xid: node.attrs.xid ?? '',
    name: childText(node, 'name') ?? '',
    usage: usageOf(node),
    maxUse: count(childText(node, 'max_use'), 1),
    syntax: node.children.filter((c) => c.name === 'syntax').map((c) => c.text.trim()),
    fields,
  };
}

function toLoop(node: XmlNode): MapLoop {
  const children: (MapLoop | MapSegment)[] = [];
  for (const c of node.children) {
    if (c.name === 'loop') children.push(toLoop(c));
    else if (c.name === 'segment') children.push(toSegment(c));
  }
  const isRoot = node.name === 'transaction';
  return {
    kind: 'loop',
    xid: node.attrs.xid ?? '',
    name: childText(node, 'name') ?? '',
    usage: isRoot ? 'R' : usageOf(node),
    repeat: isRoot ? 1 : count(childText(node, 'repeat'), 1),
    children,
  };
}

function transactionOf(file: string, dir: string): XmlNode {
  const doc = parseXml(readFileSync(resolve(dir, file), 'utf8'));
  const t = doc.children.find((c) => c.name === 'transaction');
  if (!t) throw new Error(`${file}: no <transaction>`);
  return t;
}

function* allSegments(loop: MapLoop): Generator<MapSegment> {
  for (const c of loop.children) {
    if (c.kind === 'segment') yield c;
    else yield* allSegments(c);
  }
}

function replaceSegments(loop: MapLoop, replacements: ReadonlyMap<string, MapSegment>): void {
  loop.children = loop.children.map((c) => {
    if (c.kind === 'loop') {
      replaceSegments(c, replacements);
      return c;
    }
    return replacements.get(c.xid) ?? c;
  });
}

const cache = new Map<string, X12Map>();

/**
 * A transaction map with its interchange envelope (ISA, GE, IEA) taken from the 5010 control
 * map, which describes ISA11 as the repetition separator rather than the older standards id. GS
 * stays the transaction map's own: only it names its guide's version in GS08 (the control map's
 * list has no 005010X231A1, the 999's).
 */
export function loadX12Map(file: string, dir = MAPS_DIR): X12Map {
  const key = resolve(dir, file);
  const hit = cache.get(key);
  if (hit) return hit;
  const root = toLoop(transactionOf(file, dir));
  const control = toLoop(transactionOf('x12.control.00501.xml', dir));
  const envelope = new Map<string, MapSegment>();
  for (const s of allSegments(control)) if (['ISA', 'GE', 'IEA'].includes(s.xid)) envelope.set(s.xid, s);
  replaceSegments(root, envelope);
  const dataElements = new Map<string, DataElement>();
  for (const d of parseXml(readFileSync(resolve(dir, 'dataele.xml'), 'utf8')).children.find((c) => c.name === 'data_elements')?.children ?? []) {
    if (d.name !== 'data_ele') continue;
    dataElements.set(d.attrs.ele_num ?? '', { type: d.attrs.data_type ?? 'AN', min: Number(d.attrs.min_len), max: Number(d.attrs.max_len) });
  }
  const map = { root, dataElements };
  cache.set(key, map);
  return map;
}

// ---------------------------------------------------------------------------------------------
// Reading an X12 file into segments.

export interface ParsedX12 {
  separators: { element: string; component: string; repetition: string; segment: string };
  /** each segment as [id, element1, element2, ...], raw (composites not split) */
  segments: string[][];
}

export function parseX12Text(text: string): ParsedX12 {
  const start = text.search(/\S/);
  const body = start > 0 ? text.slice(start) : text;
  if (!body.startsWith('ISA') || body.length < 106) throw new Error('X12: the file does not start with a complete ISA segment');
  const separators = { element: body[3]!, repetition: body[82]!, component: body[104]!, segment: body[105]! };
  const segments = body
    .split(separators.segment)
    .map((s) => s.replace(/^[\r\n]+/, ''))
    .filter((s, i, all) => s !== '' || i < all.length - 1)
    .map((s) => s.split(separators.element));
  return { separators, segments };
}

// ---------------------------------------------------------------------------------------------
// The walk.

export interface Finding {
  loop: string;
  segment: string;
  element?: string;
  /** 1-based position of the segment in the file */
  index: number;
  message: string;
}

interface LoopInstance {
  node: MapLoop;
  parent: LoopInstance | undefined;
  /** index in node.children of the last child matched, -1 before the first */
  pos: number;
  segUse: Map<MapSegment, number>;
  loopUse: Map<MapLoop, number>;
}

const BASIC_EXTENDED = /^[A-Za-z0-9 !"&'()*+,\-./:;?=%@[\]_{}\\|<>~#$^`]*$/;

function firstSegment(loop: MapLoop): MapSegment | undefined {
  const first = loop.children[0];
  if (!first) return undefined;
  return first.kind === 'segment' ? first : firstSegment(first);
}

function qualifierMatches(def: MapSegment, seg: readonly string[], component: string): boolean {
  const first = def.fields[0];
  if (first?.kind === 'element' && first.codes.length > 0 && first.usage === 'R' && !first.codes.includes(seg[1] ?? '')) return false;
  if (first?.kind === 'composite') {
    const c = first.components[0];
    if (c && c.codes.length > 0 && !c.codes.includes((seg[1] ?? '').split(component)[0] ?? '')) return false;
  }
  if (def.xid === 'HL') {
    const hl03 = def.fields[2];
    if (hl03?.kind === 'element' && hl03.codes.length > 0 && !hl03.codes.includes(seg[3] ?? '')) return false;
  }
  return true;
}

function isDate(v: string): boolean {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(v);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

function isTime(v: string): boolean {
  const m = /^(\d{2})(\d{2})(\d{2}(\d{1,2})?)?$/.exec(v);
  return m !== null && Number(m[1]) < 24 && Number(m[2]) < 60 && (m[3] === undefined || Number(m[3].slice(0, 2)) < 60);
}

export function checkX12(text: string, map: X12Map): Finding[] {
  const { separators, segments } = parseX12Text(text);
  return new Walker(map, separators).run(segments);
}

class Walker {
  private readonly findings: Finding[] = [];
  private root: LoopInstance;
  private current: LoopInstance;
  private index = 0;
  // envelope bookkeeping
  private isa13 = '';
  private groups = 0;
  private gs06 = '';
  private gs08 = '';
  private sets = 0;
  private st02 = '';
  private stCount = 0;
  private hl = new Map<string, { children: number; hl04: string; index: number }>();
  private hlNext = 1;

  constructor(
    private readonly map: X12Map,
    private readonly sep: ParsedX12['separators'],
  ) {
    this.root = { node: map.root, parent: undefined, pos: -1, segUse: new Map(), loopUse: new Map() };
    this.current = this.root;
  }

  run(segments: readonly string[][]): Finding[] {
    if (segments.length > 0 && (segments[0]!.join(this.sep.element).length !== 105)) {
      this.add('ISA_LOOP', 'ISA', undefined, 'ISA must be exactly 106 characters including its terminator');
    }
    for (const seg of segments) {
      this.index++;
      this.place(seg);
      this.envelope(seg);
    }
    for (let inst: LoopInstance | undefined = this.current; inst; inst = inst.parent) this.close(inst);
    this.finishHl();
    return this.findings;
  }

  private add(loop: string, segment: string, element: string | undefined, message: string): void {
    this.findings.push({ loop, segment, ...(element ? { element } : {}), index: this.index, message });
  }

  // ---- placement in the loop tree

  private place(seg: string[]): void {
    const id = seg[0] ?? '';
    for (let inst: LoopInstance | undefined = this.current; inst; inst = inst.parent) {
      const hit = this.findForward(inst, seg, true);
      if (!hit) continue;
      for (let closing: LoopInstance | undefined = this.current; closing && closing !== inst; closing = closing.parent) this.close(closing);
      this.take(inst, hit, seg);
      return;
    }
    // No qualifier match anywhere: if the id fits a segment ahead in this loop, place it there
    // so its elements (and the bad qualifier) get reported; otherwise it is out of place.
    const loose = this.findForward(this.current, seg, false);
    if (loose && loose.node.kind === 'segment') {
      this.take(this.current, loose, seg);
      return;
    }
    this.add(this.current.node.xid, id, undefined, `segment ${id} is not expected here (unknown, out of order, or its qualifier ${seg[1] ?? ''} is not valid in this position)`);
  }

  private findForward(inst: LoopInstance, seg: readonly string[], strict: boolean): { index: number; node: MapLoop | MapSegment } | undefined {
    const children = inst.node.children;
    for (let j = Math.max(inst.pos, 0); j < children.length; j++) {
      const c = children[j]!;
      if (c.usage === 'N') continue;
      const def = c.kind === 'segment' ? c : firstSegment(c);
      if (!def || def.xid !== seg[0]) continue;
      if (c.kind === 'loop' && !strict) continue;
      if (strict && !qualifierMatches(def, seg, this.sep.component)) continue;
      return { index: j, node: c };
    }
    return undefined;
  }

  private skipTo(inst: LoopInstance, j: number): void {
    for (let i = inst.pos + 1; i < j; i++) this.missing(inst, inst.node.children[i]!);
    if (j > inst.pos) inst.pos = j;
  }

  private missing(inst: LoopInstance, c: MapLoop | MapSegment): void {
    if (c.usage !== 'R') return;
    if (c.kind === 'segment' && !inst.segUse.get(c)) this.add(inst.node.xid, c.xid, undefined, `required segment ${c.xid} (${c.name}) is missing in loop ${inst.node.xid}`);
    if (c.kind === 'loop' && !inst.loopUse.get(c)) this.add(inst.node.xid, firstSegment(c)?.xid ?? '', undefined, `required loop ${c.xid} (${c.name}) is missing in loop ${inst.node.xid}`);
  }

  private close(inst: LoopInstance): void {
    const children = inst.node.children;
    for (let i = inst.pos + 1; i < children.length; i++) this.missing(inst, children[i]!);
  }

  private take(inst: LoopInstance, hit: { index: number; node: MapLoop | MapSegment }, seg: string[]): void {
    this.skipTo(inst, hit.index);
    if (hit.node.kind === 'segment') {
      const used = (inst.segUse.get(hit.node) ?? 0) + 1;
      inst.segUse.set(hit.node, used);
      if (used > hit.node.maxUse) this.add(inst.node.xid, hit.node.xid, undefined, `segment ${hit.node.xid} (${hit.node.name}) is used ${used} times; max use is ${hit.node.maxUse}`);
      this.current = inst;
      this.elements(inst.node.xid, hit.node, seg);
      return;
    }
    const loop = hit.node;
    const repeats = (inst.loopUse.get(loop) ?? 0) + 1;
    inst.loopUse.set(loop, repeats);
    if (repeats > loop.repeat) this.add(loop.xid, seg[0] ?? '', undefined, `loop ${loop.xid} (${loop.name}) repeats ${repeats} times; max repeat is ${loop.repeat}`);
    const inner: LoopInstance = { node: loop, parent: inst, pos: -1, segUse: new Map(), loopUse: new Map() };
    const first = loop.children[0]!;
    this.take(inner, { index: 0, node: first }, seg);
  }

  // ---- elements

  private elements(loop: string, def: MapSegment, seg: readonly string[]): void {
    const id = def.xid;
    const values = seg.slice(1);
    const maxSeq = def.fields.reduce((m, f) => Math.max(m, f.seq), 0);
    for (let i = maxSeq; i < values.length; i++) {
      if (values[i] !== '') this.add(loop, id, `${id}${String(i + 1).padStart(2, '0')}`, `segment ${id} has ${values.length} elements; the map defines ${maxSeq}`);
    }
    if (values.length > 0 && values[values.length - 1] === '' && id !== 'ISA') this.add(loop, id, undefined, `segment ${id} ends with an empty element (trailing separators must be trimmed)`);
    for (const f of def.fields) {
      const raw = values[f.seq - 1] ?? '';
      const ref = f.xid;
      if (raw === '') {
        if (f.usage === 'R') this.add(loop, id, ref, `required element ${ref} is missing`);
        continue;
      }
      if (f.usage === 'N') {
        this.add(loop, id, ref, `element ${ref} is marked not used but carries "${raw}"`);
        continue;
      }
      const repetitions = f.repeat > 1 && id !== 'ISA' ? raw.split(this.sep.repetition) : [raw];
      if (repetitions.length > f.repeat) this.add(loop, id, ref, `element ${ref} repeats ${repetitions.length} times; max is ${f.repeat}`);
      for (const value of repetitions) {
        if (f.kind === 'element') this.simple(loop, id, f, value, seg);
        else this.composite(loop, id, f, value, seg);
      }
    }
    this.syntax(loop, def, values);
  }

  private composite(loop: string, id: string, f: MapComposite, value: string, seg: readonly string[]): void {
    const parts = value.split(this.sep.component);
    if (parts.length > f.components.length) this.add(loop, id, f.xid, `composite ${f.xid} has ${parts.length} components; the map defines ${f.components.length}`);
    if (parts[parts.length - 1] === '' && parts.length > 1) this.add(loop, id, f.xid, `composite ${f.xid} ends with an empty component`);
    for (const c of f.components) {
      const v = parts[c.seq - 1] ?? '';
      if (v === '') {
        if (c.usage === 'R') this.add(loop, id, c.xid, `required component ${c.xid} is missing`);
        continue;
      }
      this.simple(loop, id, c, v, seg, true);
    }
  }

  private simple(loop: string, id: string, f: MapElement, value: string, seg: readonly string[], inComposite = false): void {
    const ref = f.xid;
    if (inComposite && f.usage === 'N') this.add(loop, id, ref, `component ${ref} is marked not used but carries "${value}"`);
    if (id !== 'ISA') {
      if (!inComposite && value.includes(this.sep.component)) this.add(loop, id, ref, `element ${ref} is not a composite but contains the component separator`);
      if (f.repeat <= 1 && value.includes(this.sep.repetition)) this.add(loop, id, ref, `element ${ref} contains the repetition separator`);
    }
    if (!BASIC_EXTENDED.test(value)) this.add(loop, id, ref, `element ${ref} has characters outside the X12 basic and extended sets: "${value}"`);
    const de = this.map.dataElements.get(f.dataEle);
    if (de) {
      const digits = de.type === 'R' || de.type.startsWith('N') ? value.replace(/[-.]/g, '').length : value.length;
      if (digits < de.min) this.add(loop, id, ref, `element ${ref} "${value}" is shorter than ${de.min}`);
      if (digits > de.max) this.add(loop, id, ref, `element ${ref} "${value}" is longer than ${de.max}`);
      if (de.type.startsWith('N') && !/^-?\d+$/.test(value)) this.add(loop, id, ref, `element ${ref} "${value}" is not an integer`);
      if (de.type === 'R' && !/^-?(\d+(\.\d*)?|\.\d+)$/.test(value)) this.add(loop, id, ref, `element ${ref} "${value}" is not a decimal number`);
      if (de.type === 'DT' && !(value.length === 6 ? isDate(`20${value}`) : isDate(value))) this.add(loop, id, ref, `element ${ref} "${value}" is not a date`);
      if (de.type === 'TM' && !isTime(value)) this.add(loop, id, ref, `element ${ref} "${value}" is not a time`);
      if (de.type === 'ID' && value !== value.trim()) this.add(loop, id, ref, `element ${ref} "${value}" has surrounding spaces`);
    }
    if (f.codes.length > 0 && !f.codes.includes(value)) this.add(loop, id, ref, `element ${ref} "${value}" is not one of the valid codes (${f.codes.slice(0, 12).join(', ')}${f.codes.length > 12 ? ', ...' : ''})`);
    if (f.regex && !f.regex.test(value)) this.add(loop, id, ref, `element ${ref} "${value}" does not match ${f.regex.source}`);
    // The period's format follows its qualifier: D8 one date, RD8 a range.
    if ((id === 'DTP' && ref === 'DTP03') || (id === 'DMG' && ref === 'DMG02')) {
      const qualifier = id === 'DTP' ? seg[2] : seg[1];
      const ok = qualifier === 'D8' ? isDate(value) : qualifier === 'RD8' ? /^\d{8}-\d{8}$/.test(value) && isDate(value.slice(0, 8)) && isDate(value.slice(9)) && value.slice(0, 8) <= value.slice(9) : true;
      if (!ok) this.add(loop, id, ref, `element ${ref} "${value}" does not fit format ${qualifier}`);
    }
  }

  private syntax(loop: string, def: MapSegment, values: readonly string[]): void {
    const present = (seq: number) => (values[seq - 1] ?? '') !== '';
    for (const rule of def.syntax) {
      const kind = rule[0];
      const seqs = (rule.slice(1).match(/\d\d/g) ?? []).map(Number);
      const n = seqs.filter(present).length;
      const [first, ...rest] = seqs;
      let broken = false;
      if (kind === 'P') broken = n > 0 && n < seqs.length;
      else if (kind === 'R') broken = n === 0;
      else if (kind === 'E') broken = n > 1;
      else if (kind === 'C') broken = first !== undefined && present(first) && rest.some((s) => !present(s));
      else if (kind === 'L') broken = first !== undefined && present(first) && !rest.some(present);
      if (broken) this.add(loop, def.xid, undefined, `syntax rule ${rule} of ${def.xid} is not met`);
    }
  }

  // ---- envelope counts, control numbers and the HL tree

  private envelope(seg: readonly string[]): void {
    const id = seg[0];
    const loop = this.current.node.xid;
    if (this.st02) this.stCount++;
    switch (id) {
      case 'ISA':
        this.isa13 = seg[13] ?? '';
        this.groups = 0;
        break;
      case 'GS':
        this.groups++;
        this.gs06 = seg[6] ?? '';
        this.gs08 = seg[8] ?? '';
        this.sets = 0;
        break;
      case 'ST':
        this.sets++;
        this.st02 = seg[2] ?? '';
        this.stCount = 1;
        this.hl = new Map();
        this.hlNext = 1;
        if (seg[3] !== undefined && seg[3] !== this.gs08) this.add(loop, 'ST', 'ST03', `ST03 ${seg[3]} differs from GS08 ${this.gs08}`);
        break;
      case 'SE':
        if (seg[1] !== String(this.stCount)) this.add(loop, 'SE', 'SE01', `SE01 says ${seg[1]} segments; the transaction set has ${this.stCount}`);
        if (seg[2] !== this.st02) this.add(loop, 'SE', 'SE02', `SE02 ${seg[2]} does not match ST02 ${this.st02}`);
        this.finishHl();
        this.st02 = '';
        break;
      case 'GE':
        if (seg[1] !== String(this.sets)) this.add(loop, 'GE', 'GE01', `GE01 says ${seg[1]} transaction sets; the group has ${this.sets}`);
        if (seg[2] !== this.gs06) this.add(loop, 'GE', 'GE02', `GE02 ${seg[2]} does not match GS06 ${this.gs06}`);
        break;
      case 'IEA':
        if (seg[1] !== String(this.groups)) this.add(loop, 'IEA', 'IEA01', `IEA01 says ${seg[1]} groups; the interchange has ${this.groups}`);
        if (seg[2] !== this.isa13) this.add(loop, 'IEA', 'IEA02', `IEA02 ${seg[2]} does not match ISA13 ${this.isa13}`);
        break;
      case 'HL': {
        const hl01 = seg[1] ?? '';
        const parent = seg[2] ?? '';
        if (hl01 !== String(this.hlNext)) this.add(loop, 'HL', 'HL01', `HL01 ${hl01} should be ${this.hlNext} (HL ids count up from 1)`);
        this.hlNext++;
        if (parent !== '') {
          const p = this.hl.get(parent);
          if (!p) this.add(loop, 'HL', 'HL02', `HL02 ${parent} names no earlier HL`);
          else p.children++;
        }
        this.hl.set(hl01, { children: 0, hl04: seg[4] ?? '', index: this.index });
        break;
      }
      default:
    }
  }

  private finishHl(): void {
    for (const [id, h] of this.hl) {
      if (h.hl04 === '1' && h.children === 0) this.findings.push({ loop: 'HL', segment: 'HL', element: 'HL04', index: h.index, message: `HL ${id} says it has children (HL04=1) but none follows` });
      if (h.hl04 === '0' && h.children > 0) this.findings.push({ loop: 'HL', segment: 'HL', element: 'HL04', index: h.index, message: `HL ${id} says it has no children (HL04=0) but ${h.children} follow` });
    }
    this.hl = new Map();
  }
}
