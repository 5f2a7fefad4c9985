import { AppError } from '@insurer/platform-errors';

export class SurveyAlreadyAnsweredError extends AppError {
  constructor() {
    super('SURVEY.ALREADY_ANSWERED', 'conflict', 'this survey was already answered');
  }
}
