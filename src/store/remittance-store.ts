// Payer files received, the items in them that matched no claim, and manual payments.

import { Repository } from './repository.js';

export class RemittanceStore extends Repository {}
