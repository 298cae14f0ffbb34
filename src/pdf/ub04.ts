// UB-04 (CMS-1450) paper claims, the paper twin of the 837I: a claim fills as many pages as its
// service lines need (22 a page), either on the whole form (form mode, for plain paper) or as
// data alone on the 10 cpi / 6 lpi grid (print mode, for pre-printed red forms, with an offset
// to line up a particular printer). The drawing is the paper-form engine's (paper/form-pdf.ts);
// what goes in each form locator is ub04-values.ts.

import { claimFormRenderer, type ClaimFormInput, type ClaimFormOptions } from './paper/claim-forms.js';
import type { FormMode } from './paper/form-page.js';
import { loadUb04Layout, ub04Pages } from './ub04-values.js';

export { UB04_LINES_PER_PAGE, UB04_MAX_DIAGNOSES, UB04_TEMPLATE, Ub04Error, loadUb04Layout, ub04Pages } from './ub04-values.js';
export type { FieldValues } from './ub04-values.js';
export { fitToField } from './paper/form-pdf.js';
export type { FormPage, PrintOffset } from './paper/form-page.js';

export type Ub04Mode = FormMode;
export type Ub04Options = ClaimFormOptions;
export type Ub04Input = ClaimFormInput;

const renderer = claimFormRenderer({ label: 'UB-04', edition: 'UB-04 (CMS-1450)', layout: loadUb04Layout, pages: ub04Pages });

export const renderUb04 = renderer.render;
export const writeUb04 = renderer.write;
