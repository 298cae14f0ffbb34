// Schema for invoices and paper claims (CMS-1500) and the per-claim format decision.
export const DOCUMENTS_SQL = `
CREATE TABLE document_placeholder_004 (id INTEGER PRIMARY KEY);
`;
