/** The associated data the payee's account is sealed with: a ciphertext moved to another claim does not open. */
export function payeeContext(claimId: string): string {
  return `claim:${claimId}:payee-account`;
}

/** The associated data the payee's name is sealed with. */
export function payeeNameContext(claimId: string): string {
  return `claim:${claimId}:payee-name`;
}
