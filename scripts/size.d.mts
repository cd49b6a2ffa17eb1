/** Types for size.mjs (size budgets). */
export const ELK_MARKER: string;
export const BUDGETS: { tag: string; maxGzip: number; note: string }[];
export function checkBudgets(budgets?: typeof BUDGETS): Promise<{ rows: Record<string, string>[]; problems: string[] }>;
