/**
 * What a dead-lettered message may not carry in clear (PIPL: ID numbers, bank accounts and health data are sensitive;
 * contact details are personal): these fields are masked wherever they sit in a JSON value, and long digit runs in a
 * value that is not JSON. Operators read the rest, and the masked paths are named in a header.
 */
const MASK_LAST_FOUR = new Set(['idNumber', 'bankAccount', 'mobile', 'payeeAccount']);
const REMOVE = new Set(['email', 'address', 'healthAnswers', 'details', 'answers']);

export interface Redacted {
  readonly value: Buffer | null;
  /** JSON pointers of the fields masked ('*' when a non-JSON value had digit runs masked). */
  readonly paths: string[];
}

export function maskLastFour(text: string): string {
  return text.length <= 4 ? '*'.repeat(text.length) : `${'*'.repeat(text.length - 4)}${text.slice(-4)}`;
}

export function redactSensitive(value: Buffer | null): Redacted {
  if (!value || value.length === 0) return { value, paths: [] };
  const text = value.toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not JSON: mask what looks like an ID number, a bank account or a mobile (11 or more digits).
    const masked = text.replace(/\d{10,}[\dXx]/g, (run) => maskLastFour(run));
    return masked === text ? { value, paths: [] } : { value: Buffer.from(masked, 'utf8'), paths: ['*'] };
  }
  const paths: string[] = [];
  const walk = (node: unknown, pointer: string): unknown => {
    if (Array.isArray(node)) return node.map((item, i) => walk(item, `${pointer}/${i}`));
    if (node === null || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(node)) {
      const path = `${pointer}/${key}`;
      if (MASK_LAST_FOUR.has(key) && typeof child === 'string') {
        out[key] = maskLastFour(child);
        paths.push(path);
      } else if (REMOVE.has(key) && child !== null && child !== undefined) {
        out[key] = '[redacted]';
        paths.push(path);
      } else {
        out[key] = walk(child, path);
      }
    }
    return out;
  };
  const redacted = walk(parsed, '');
  return paths.length ? { value: Buffer.from(JSON.stringify(redacted), 'utf8'), paths } : { value, paths };
}
