// The CMS-1500 (02/12) layout: templates/cms1500.json read through the paper-form schema.

import { type FormLayout, loadFormLayout } from './paper/form-layout.js';

export * from './paper/form-layout.js';
export type Cms1500Layout = FormLayout;

export const CMS1500_TEMPLATE = 'templates/cms1500.json';

export function loadCms1500Layout(): FormLayout {
  return loadFormLayout(CMS1500_TEMPLATE);
}
