// Invoices, invoice numbers and paper-claim documents.

import { Repository } from './repository.js';

export class DocumentStore extends Repository {}
