/** The associated data each sealed value is bound to: a ciphertext moved to another customer or field does not open. */
export function profileContext(customerId: string): string {
  return `customer:${customerId}:profile`;
}

export function healthContext(customerId: string): string {
  return `customer:${customerId}:health`;
}

export function versionContext(customerId: string, version: number): string {
  return `customer:${customerId}:version:${version}`;
}
