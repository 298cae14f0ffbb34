import { describe, expect, it } from 'vitest';
import { render837p } from '../../../src/x12/write/837p.js';
import { toX12Text } from '../../../src/x12/write/charset.js';
import { segment } from '../../../src/x12/write/segment.js';
import { DEFAULT_SEPARATORS, resolveSeparators, X12Serializer, type Separators } from '../../../src/x12/write/writer.js';
import { CLOCK, CONTROL, parseWithX12Parser, sampleClaims, sampleParties } from '../fixtures.js';
import { prng } from '../hostile.js';

const SEPARATOR_SETS: Separators[] = [
  DEFAULT_SEPARATORS,
  { element: '|', component: '>', repetition: '!', segment: '\\' },
  { element: '^', component: '*', repetition: '~', segment: ':' },
  { element: '+', component: '<', repetition: '{', segment: '}' },
];

const ALLOWED = /^[A-Za-z0-9 !"&'()*+,\-./:;?=%@[\]_{}\\|<>~#$^]*$/;

describe('X12 text cleaning', () => {
  it('strips accents to ASCII and keeps what the basic and extended sets allow', () => {
    const s = DEFAULT_SEPARATORS;
    expect(toX12Text('Núñez', s)).toBe('Nunez');
    expect(toX12Text("O'Brien-Nguyen", s)).toBe("O'Brien-Nguyen");
    expect(toX12Text('O’Brien – Straße', s)).toBe("O'Brien - Strasse");
    expect(toX12Text('Łukasz Ørsted Zoë', s)).toBe('Lukasz Orsted Zoe');
    expect(toX12Text('billing@brightpath.example', s)).toBe('billing@brightpath.example');
    expect(toX12Text('Apt #4 (rear) 50% [x] {y} <z> $1 & a/b; c? =', s)).toBe('Apt #4 (rear) 50% [x] {y} <z> $1 & a/b; c? =');
    expect(toX12Text('lower case stays', s)).toBe('lower case stays');
  });

  it('turns separators into a space, collapses spaces and trims', () => {
    const s = DEFAULT_SEPARATORS;
    expect(toX12Text('Smith*Jones', s)).toBe('Smith Jones');
    expect(toX12Text('a~b:c^d', s)).toBe('a b c d');
    expect(toX12Text('  *~Garcia~*  ', s)).toBe('Garcia');
    expect(toX12Text('Tab\there\nand\r\nthere', s)).toBe('Tab here and there');
    expect(toX12Text('emoji 👍 gone', s)).toBe('emoji gone');
    expect(toX12Text('***', s)).toBe('');
    // With other separators, the default ones are ordinary characters again.
    expect(toX12Text('a*b|c', SEPARATOR_SETS[1]!)).toBe('a*b c');
  });

  it('never lets a separator or a character outside the sets through, whatever the input', () => {
    const rand = prng(42);
    const alphabet = [...'abcXYZ019 *~:^|>!\\+<{}\'"-.#@ñéüßØ\t\n\u0000\u00a0’👍漢'];
    for (const seps of SEPARATOR_SETS) {
      const sepChars = Object.values(seps);
      for (let i = 0; i < 2000; i++) {
        const input = Array.from({ length: 1 + Math.floor(rand() * 20) }, () => alphabet[Math.floor(rand() * alphabet.length)]!).join('');
        const out = toX12Text(input, seps);
        expect(sepChars.some((c) => out.includes(c)), `${JSON.stringify(input)} -> ${JSON.stringify(out)}`).toBe(false);
        expect(out).toMatch(ALLOWED);
        expect(out).toBe(out.trim());
        expect(out).not.toContain('  ');
        expect(toX12Text(out, seps)).toBe(out);
      }
    }
  });
});

describe('separators', () => {
  it('rejects separators that could occur in data or that repeat', () => {
    expect(() => resolveSeparators({ element: 'A' })).toThrow(/can occur inside X12 data/);
    expect(() => resolveSeparators({ component: '.' })).toThrow(/can occur inside X12 data/);
    expect(() => resolveSeparators({ component: '-' })).toThrow(/can occur inside X12 data/);
    expect(() => resolveSeparators({ segment: '**' })).toThrow(/exactly one character/);
    expect(() => resolveSeparators({ component: '*' })).toThrow(/must all differ/);
    expect(resolveSeparators({ segment: '\n' }).segment).toBe('\n');
  });

  it('trims trailing empty elements and components, and keeps inner empties', () => {
    const w = new X12Serializer();
    expect(w.segment(segment('NM1', ['85', '2', 'X', '', '', '', '', '', '']))).toBe('NM1*85*2*X~');
    expect(w.segment(segment('SV1', [['HC', 'G9008', '', ''], '10', '', '', '', '', ['1', '']]))).toBe('SV1*HC:G9008*10*****1~');
    expect(w.segment(segment('XX', [['', ''], '  ', '*']))).toBe('XX~');
    expect(w.segment(segment('HL', ['1', '', '20', '1']))).toBe('HL*1**20*1~');
    expect(new X12Serializer({ newline: true }).segment(segment('LX', ['1']))).toBe('LX*1~\n');
  });

  it('pads the ISA to its fixed width and always writes its own separators in ISA11 and ISA16', () => {
    const seps = SEPARATOR_SETS[1]!;
    const w = new X12Serializer({ separators: seps });
    const isa = w.segment(segment('ISA', ['00', '', '00', '', 'ZZ', 'ME', 'ZZ', 'YOU', '261102', '0915', '^', '00501', '000000001', '0', 'T', ':']));
    expect(isa).toHaveLength(106);
    expect(isa).toBe('ISA|00|          |00|          |ZZ|ME             |ZZ|YOU            |261102|0915|!|00501|000000001|0|T|>\\');
    expect(() => w.segment(segment('ISA', ['00', '', '00', '', 'ZZ', 'X'.repeat(16), 'ZZ', 'Y', '261102', '0915', '', '00501', '000000001', '0', 'T', '']))).toThrow(/longer than 15/);
  });

  for (const seps of SEPARATOR_SETS) {
    it(`renders and reads back with separators ${JSON.stringify(seps)}, names with every separator in them`, async () => {
      const parties = sampleParties();
      const hostile = 'O’Brien*Núñez~Lee:Park^Kim|Ray>Ng!Ho\\Wu+Li<Ma{Yu}';
      const claims = sampleClaims().map((c) => ({ ...c, member: { ...c.member, last_name: hostile, first_name: 'Zoë*~' } }));
      const text = render837p(parties, claims, CLOCK, CONTROL, { batchId: 'B1', separators: seps, newline: seps.segment !== '\\' });
      expect(text.slice(0, 4)).toBe(`ISA${seps.element}`);
      expect(text[82]).toBe(seps.repetition);
      expect(text[104]).toBe(seps.component);
      expect(text[105]).toBe(seps.segment);
      const parsed = await parseWithX12Parser(text);
      const subscribers = parsed.filter((s) => s.name === 'NM1' && s['1'] === 'IL');
      expect(subscribers.length).toBeGreaterThan(0);
      for (const s of subscribers) {
        expect(s['3']).toBe(toX12Text(hostile, seps));
        expect(s['4']).toBe(toX12Text('Zoë*~', seps));
        expect(Object.keys(s).filter((k) => k !== 'name' && !k.includes('-'))).toHaveLength(9);
      }
      expect(parsed.at(-1)).toMatchObject({ name: 'IEA', '1': '1', '2': '000001234' });
    });
  }
});
