import { AppError } from '@insurer/platform-errors';

export class VerificationClosedError extends AppError {
  constructor(status: string) {
    super(
      'IDENTITY.VERIFICATION_CLOSED',
      'conflict',
      `this verification is already ${status}; start a new one`,
      { params: { status } },
    );
  }
}
