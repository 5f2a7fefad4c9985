import { AppError } from '@insurer/platform-errors';

/** A new version of a rule must start after the version in effect started (422). */
export class RuleVersionDateError extends AppError {
  constructor(latestFrom: string, latestVersion: number) {
    super(
      'RULE.EFFECTIVE_DATE',
      'rule',
      `a new version must start after ${latestFrom}, when version ${latestVersion} started`,
      { params: { latestFrom, latestVersion } },
    );
  }
}
