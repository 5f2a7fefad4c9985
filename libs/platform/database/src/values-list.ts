/**
 * A multi-row `VALUES` list and its parameters: `($1, $2), ($3, $4)` for two rows of two. One statement for many rows
 * instead of one per row; every row gives the same number of values.
 */
export function valuesList(rows: readonly (readonly unknown[])[]): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const tuples = rows.map((row) => {
    const slots = row.map((value) => {
      params.push(value);
      return `$${params.length}`;
    });
    return `(${slots.join(', ')})`;
  });
  return { sql: tuples.join(', '), params };
}
