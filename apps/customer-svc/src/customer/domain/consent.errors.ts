import { AppError } from '@insurer/platform-errors';

export class ConsentAlreadyGrantedError extends AppError {
  constructor(consentId: string) {
    super('CONSENT.ALREADY_GRANTED', 'conflict', 'an active consent for this purpose exists', {
      extensions: { consentId },
    });
  }
}
export class ConsentAlreadyWithdrawnError extends AppError {
  constructor() {
    super('CONSENT.ALREADY_WITHDRAWN', 'conflict', 'this consent was already withdrawn');
  }
}
