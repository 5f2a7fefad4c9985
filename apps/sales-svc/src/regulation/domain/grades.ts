/** The customer's risk tolerance levels and the products' risk grades of the suitability rules (C1-C5, R1-R5). */
export type RiskLevel = 'C1' | 'C2' | 'C3' | 'C4' | 'C5';
export type ProductGrade = 'R1' | 'R2' | 'R3' | 'R4' | 'R5';
