/** Masks that keep enough to recognise a value (PIPL Art. 51 de-identification in responses and logs). */
export function maskIdNumber(id: string): string {
  if (id.length <= 10) return '*'.repeat(id.length);
  return id.slice(0, 6) + '*'.repeat(id.length - 10) + id.slice(-4);
}

export function maskBankAccount(account: string): string {
  return account.length <= 4
    ? '*'.repeat(account.length)
    : '*'.repeat(account.length - 4) + account.slice(-4);
}

export function maskMobile(mobile: string): string {
  return mobile.length === 11 ? `${mobile.slice(0, 3)}****${mobile.slice(-4)}` : '*'.repeat(mobile.length);
}

export const MASKERS: Readonly<Record<string, (value: string) => string>> = {
  idNumber: maskIdNumber,
  bankAccount: maskBankAccount,
};
