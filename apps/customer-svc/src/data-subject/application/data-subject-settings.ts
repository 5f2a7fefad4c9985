export const DATA_SUBJECT_SETTINGS = Symbol('DATA_SUBJECT_SETTINGS');

export interface DataSubjectSettings {
  /** AML record keeping after the business relationship ends (AML_RETENTION_YEARS). */
  readonly amlRetentionYears: number;
}
