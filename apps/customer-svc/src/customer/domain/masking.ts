/** Masks that keep enough to recognise a value (PIPL Art. 51 de-identification in responses and logs). */
/**
 * Keeps the province (first two) and the last two characters. The middle of a resident ID is the birth date, which
 * responses show as `birthDate`; the area code, sequence and check digit beside it would rebuild the number (the
 * six-and-four mask did exactly that). With two and two, the birth date still leaves four area and two sequence
 * digits unknown: tens of thousands of numbers with a valid check digit.
 */
export function maskIdNumber(id: string): string {
  if (id.length <= 6) return '*'.repeat(id.length);
  return id.slice(0, 2) + '*'.repeat(id.length - 4) + id.slice(-2);
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
