/** Postgres refused a duplicate key (23505): here, the unique blind index of an ID number. */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: string }).code === '23505';
}
