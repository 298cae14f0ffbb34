// Every rule, in the order the docs list them (by the part of the claim they look at).

import { CLAIM_RULES } from './claim-rules.js';
import { MEMBER_RULES } from './member-rules.js';
import { PRICING_RULES } from './pricing-rules.js';
import { PROVIDER_RULES } from './provider-rules.js';
import type { Rule } from './rule.js';
import { SERVICE_RULES } from './service-rules.js';
import { X12_TEXT_RULES } from './x12-text-rules.js';

export const ALL_RULES: readonly Rule[] = [...PROVIDER_RULES, ...MEMBER_RULES, ...SERVICE_RULES, ...PRICING_RULES, ...CLAIM_RULES, ...X12_TEXT_RULES];
