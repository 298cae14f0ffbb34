// Boxes 32 and 33: a long organization name is abbreviated, then ends after a whole word with a
// warning, never cut inside a word. Read back from the PDF as a person (or OCR) sees it.

import { describe, expect, it } from 'vitest';
import { paperFitIssues } from '../../src/app/documents/paper-fit.js';
import { CMS1500_LAYOUT, CMS1500_NAME_SHORTENED, PAPER_FORMS } from '../../src/app/documents/paper-forms.js';
import type { ClaimWithParties, SubmissionClock, SubmissionParties } from '../../src/domain/submission.js';
import { boxById, gridRectToPoints, loadCms1500Layout } from '../../src/pdf/cms1500-layout.js';
import { fitName, renderCms1500 } from '../../src/pdf/cms1500.js';
import { clock, maria, mariaClaim, organization, parties } from './fixtures.js';
import { pdfWords } from './pdf-text.js';
import { lacks, PDFTOTEXT } from '../support/prerequisites.js';

const cms1500FitIssues = (...args: [SubmissionParties, ClaimWithParties, SubmissionClock]) => paperFitIssues(PAPER_FORMS.cms1500, ...args);

const layout = loadCms1500Layout();
const LINE = 12;
const TOLERANCE = 0.6;

describe.skipIf(lacks(PDFTOTEXT))('CMS-1500 organization name in boxes 32 and 33', () => {
  const named = (name: string): SubmissionParties => ({ ...parties, organization: { ...organization, name } });
  const garcia: ClaimWithParties = { claim: mariaClaim, member: maria };

  /** The words printed on a box's name line (print mode, no offset), as a reader sees them. */
  async function printedNames(name: string): Promise<{ box32: string; box33: string }> {
    const pdf = await renderCms1500({ parties: named(name), claims: [garcia] }, { mode: 'print', clock });
    const [page] = await pdfWords(pdf, 'cms1500-org-name');
    const onNameLine = (boxId: '32' | '33') => {
      const field = layout.fields.find((f) => f.key === `${boxId}.name`)!;
      const box = gridRectToPoints(layout, boxById(layout, boxId).rect);
      const top = (field.line - 1) * LINE;
      return page!.words
        .filter((w) => w.xMin >= box.x && w.xMax <= box.x + box.width && w.yMin >= top - TOLERANCE && w.yMax <= top + LINE + TOLERANCE)
        .sort((a, b) => a.xMin - b.xMin)
        .map((w) => w.text)
        .join(' ');
    };
    return { box32: onNameLine('32'), box33: onNameLine('33') };
  }

  it('abbreviates business words from the end of the name until it fits', async () => {
    // 44 characters; box 33 holds 28 and box 32 26.
    expect(await printedNames('Valley Community Health Services Association')).toEqual({
      box32: 'VALLEY COMM HLTH SVCS ASSN',
      box33: 'VALLEY COMM HLTH SVCS ASSN',
    });
    // One short form is enough here, so the words before it stay whole.
    expect(await printedNames('Bright Path Community Services')).toEqual({
      box32: 'BRIGHT PATH COMMUNITY SVCS',
      box33: 'BRIGHT PATH COMMUNITY SVCS',
    });
    expect(cms1500FitIssues(named('Valley Community Health Services Association'), garcia, clock)).toEqual([]);
  });

  it('ends a name that does not fit even abbreviated after a whole word, and warns', async () => {
    const long = 'Greater Sacramento Valley Community Health Services Association';
    expect(await printedNames(long)).toEqual({ box32: 'GREATER SACRAMENTO VALLEY', box33: 'GREATER SACRAMENTO VALLEY' });
    // Box 32 is two characters narrower than box 33: the second word is dropped, not cut.
    const printed = await printedNames('Sacramento Interdisciplinary Care Collaborative');
    expect(printed).toEqual({ box32: 'SACRAMENTO', box33: 'SACRAMENTO INTERDISCIPLINARY' });

    const warnings = cms1500FitIssues(named(long), garcia, clock);
    expect(warnings.map((w) => [w.code, w.severity, w.claimId])).toEqual([
      [CMS1500_NAME_SHORTENED, 'warning', 'C000001'],
      [CMS1500_NAME_SHORTENED, 'warning', 'C000001'],
    ]);
    expect(warnings[0]!.message).toMatch(/^Claim C000001: box 32 holds 26 characters but the organization name needs 45 even abbreviated, so its last 4 words are left off/);
    expect(warnings[1]!.message).toMatch(/box 33 holds 28 characters/);
    expect(warnings[0]!.serviceIds).toEqual(['SL-1', 'SL-2', 'SL-3', 'SL-4']);
  });

  it('does not end a shortened name on a joining word such as OF or AND', () => {
    expect(fitName('HOUSING AND HEALTH SERVICES OF NORTHERN CALIFORNIA', 28)).toEqual({
      text: 'HOUSING AND HLTH SVCS',
      abbreviated: true,
      wordsLeftOut: 3,
      abbreviatedLength: 44,
    });
  });

  it('refuses a name whose first word alone is longer than the box, rather than cut it', async () => {
    const name = 'Supercalifragilisticexpialidocious Wellness';
    await expect(renderCms1500({ parties: named(name), claims: [garcia] }, { mode: 'print', clock })).rejects.toThrow(
      /box 32 \(32.name\) holds 26 characters but the name's first word is longer/,
    );
    const issues = cms1500FitIssues(named(name), garcia, clock);
    expect(issues.map((i) => [i.code, i.severity])).toEqual([
      [CMS1500_LAYOUT, 'error'],
      [CMS1500_LAYOUT, 'error'],
    ]);
    for (const issue of issues) expect(issue.message.toUpperCase()).not.toContain('SUPERCALIFRAGILISTICEXPIALIDOCIOUS');
  });
});
