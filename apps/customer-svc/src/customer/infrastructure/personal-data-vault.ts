import { createHash, createHmac, randomBytes } from 'node:crypto';
import { open, seal } from '@insurer/platform-crypto';

/**
 * Envelope encryption of personal data (PIPL Art. 51): each customer's data is sealed with AES-256-GCM under their own
 * random data key, and that key is stored only wrapped by the master key from configuration. Destroying a customer's
 * wrapped key makes every copy of their ciphertext unreadable (crypto-shredding), backups included.
 *
 * ID numbers are looked up through a keyed hash (blind index) so the database never holds a searchable plaintext.
 */
export class PersonalDataVault {
  readonly masterKeyId: string;

  constructor(
    private readonly masterKey: Buffer,
    private readonly blindIndexKey: Buffer,
  ) {
    if (masterKey.length !== 32) throw new Error('the master key must be 32 bytes (AES-256)');
    if (blindIndexKey.length < 32) throw new Error('the blind-index key must be at least 32 bytes');
    // Identifies which master key wrapped a data key, for rotation, without revealing the key.
    this.masterKeyId = createHash('sha256').update(masterKey).digest('hex').slice(0, 12);
  }

  newDataKey(customerId: string): { key: Buffer; wrapped: Buffer } {
    const key = randomBytes(32);
    return { key, wrapped: seal(this.masterKey, key, `data-key:${customerId}`) };
  }

  unwrapDataKey(customerId: string, wrapped: Buffer): Buffer {
    return open(this.masterKey, wrapped, `data-key:${customerId}`);
  }

  /** `context` binds the ciphertext to its row and column, so a blob copied elsewhere does not decrypt. */
  encrypt(dataKey: Buffer, value: unknown, context: string): Buffer {
    return seal(dataKey, Buffer.from(JSON.stringify(value), 'utf8'), context);
  }

  decrypt<T>(dataKey: Buffer, blob: Buffer, context: string): T {
    return JSON.parse(open(dataKey, blob, context).toString('utf8')) as T;
  }

  blindIndex(idType: string, idNumber: string): Buffer {
    return createHmac('sha256', this.blindIndexKey)
      .update(`${idType}:${idNumber.trim().toUpperCase()}`)
      .digest();
  }
}
