import type { Logger } from 'pino';
import { maskMobile } from '../domain/masking';

export interface Notification {
  readonly channel: 'sms' | 'email';
  readonly to: string;
  readonly text: string;
}

/** Where one-time codes and notices go: an SMS or mail gateway in production. Nest uses the class as the token. */
export abstract class Notifier {
  abstract send(notification: Notification): Promise<void>;
}

/** The local build's gateway: writes the message to the service log (the address masked) so a developer can read it. */
export class LogNotifier extends Notifier {
  constructor(private readonly logger: Logger) {
    super();
  }

  async send(notification: Notification): Promise<void> {
    this.logger.info(
      {
        notification: {
          channel: notification.channel,
          to: maskMobile(notification.to),
          text: notification.text,
        },
      },
      'notification sent (local log gateway)',
    );
  }
}
