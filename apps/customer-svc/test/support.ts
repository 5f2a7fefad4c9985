import { randomInt } from 'node:crypto';
import type { Notification } from '../src/customer/infrastructure/notifier';
import { Notifier } from '../src/customer/infrastructure/notifier';
import { residentIdCheckChar } from '../src/customer/domain/resident-id';

/** Stands in for the SMS gateway (outside the platform, so not a mock of Postgres or Kafka): keeps what was sent. */
export class RecordingNotifier extends Notifier {
  readonly sent: Notification[] = [];

  async send(notification: Notification): Promise<void> {
    this.sent.push(notification);
  }

  lastCodeTo(mobile: string): string | undefined {
    const message = [...this.sent].reverse().find((n) => n.to === mobile);
    return message ? /(\d{6})/.exec(message.text)?.[1] : undefined;
  }
}

/** A valid resident ID number no other test run has used (random birth date and sequence). */
export function freshResidentId(
  gender: 'male' | 'female' = 'male',
  birthDate?: string,
): {
  idNumber: string;
  birthDate: string;
} {
  const birth =
    birthDate ??
    `19${randomInt(50, 99)}-${String(randomInt(1, 13)).padStart(2, '0')}-${String(randomInt(1, 29)).padStart(2, '0')}`;
  let sequence = randomInt(0, 1000);
  if ((sequence % 2 === 1) !== (gender === 'male')) sequence = (sequence + 1) % 1000;
  const first17 = `110105${birth.replace(/-/g, '')}${String(sequence).padStart(3, '0')}`;
  return { idNumber: first17 + residentIdCheckChar(first17), birthDate: birth };
}

export function freshMobile(): string {
  return `139${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
}
