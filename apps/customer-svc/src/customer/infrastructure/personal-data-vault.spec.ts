import { randomBytes } from 'node:crypto';
import { PersonalDataVault } from './personal-data-vault';

describe('the personal data vault', () => {
  const vault = new PersonalDataVault(randomBytes(32), randomBytes(32));
  const profile = { name: '张三', idNumber: '11010519491231002X' };

  it('round-trips a value under a customer data key and hides the plaintext', () => {
    const { key, wrapped } = vault.newDataKey('c-1');
    const blob = vault.encrypt(key, profile, 'customer:c-1:profile');
    expect(blob.toString('utf8')).not.toContain('11010519491231002X');
    const unwrapped = vault.unwrapDataKey('c-1', wrapped);
    expect(vault.decrypt(unwrapped, blob, 'customer:c-1:profile')).toEqual(profile);
  });

  it('refuses a ciphertext moved to another row or a key wrapped for another customer', () => {
    const { key, wrapped } = vault.newDataKey('c-1');
    const blob = vault.encrypt(key, profile, 'customer:c-1:profile');
    expect(() => vault.decrypt(key, blob, 'customer:c-2:profile')).toThrow();
    expect(() => vault.unwrapDataKey('c-2', wrapped)).toThrow();
  });

  it('cannot open data once the data key is gone: another key fails authentication', () => {
    const blob = vault.encrypt(vault.newDataKey('c-1').key, profile, 'ctx');
    expect(() => vault.decrypt(vault.newDataKey('c-1').key, blob, 'ctx')).toThrow();
  });

  it('gives a stable blind index that ignores case and padding but not the ID type', () => {
    expect(vault.blindIndex('resident_id', ' 11010519491231002x')).toEqual(
      vault.blindIndex('resident_id', '11010519491231002X'),
    );
    expect(vault.blindIndex('passport', 'E1234567')).not.toEqual(vault.blindIndex('resident_id', 'E1234567'));
  });

  it('refuses keys of the wrong length', () => {
    expect(() => new PersonalDataVault(randomBytes(16), randomBytes(32))).toThrow(/32 bytes/);
  });
});
