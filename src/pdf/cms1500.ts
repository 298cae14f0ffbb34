// CMS-1500 (02/12) paper claims: one page per claim, either the whole form (form mode, for
// plain paper) or only the data on the 10 cpi / 6 lpi grid (print mode, for pre-printed red
// forms, with an offset to line up a particular printer). The drawing is the paper-form engine's
// (paper/form-pdf.ts); this file says what goes on a CMS-1500.

import { loadCms1500Layout } from './cms1500-layout.js';
import { cms1500Page } from './cms1500-values.js';
import { claimFormRenderer, type ClaimFormInput, type ClaimFormOptions } from './paper/claim-forms.js';
import type { FormMode } from './paper/form-page.js';

export { Cms1500Error, cms1500Page } from './cms1500-values.js';
export type { Cms1500Page, FieldValues } from './cms1500-values.js';
export { fitName, type NameFit } from './cms1500-names.js';
export { fitToField } from './paper/form-pdf.js';
export type { PrintOffset } from './paper/form-page.js';

export type Cms1500Mode = FormMode;
export type Cms1500Options = ClaimFormOptions;
export type Cms1500Input = ClaimFormInput;

const renderer = claimFormRenderer({
  label: 'CMS-1500',
  edition: 'CMS-1500 (02/12)',
  layout: loadCms1500Layout,
  // One form per claim: claim assembly keeps a paper claim to the form's six lines.
  pages: (parties, item, clock) => [cms1500Page(parties, item, clock)],
});

export const renderCms1500 = renderer.render;
export const writeCms1500 = renderer.write;
