import type { Gender, RateRow } from './rating';
import type { MessageParams } from '@insurer/platform-errors';

export interface TableProblem {
  readonly pointer: string;
  readonly rule: string;
  readonly message: string;
  /** The values the code's Chinese and English texts are filled with (rule-texts.ts). */
  readonly params?: MessageParams;
}

export interface CashValueRow {
  readonly entryAge: number;
  readonly gender: Gender;
  readonly paymentTermYears: number;
  readonly valuesPer1000Fen: number[];
}

/** The rating cells a product version must cover: every gender, payment term and entry age in its range. */
export interface TableShape {
  readonly entryAge: { readonly min: number; readonly max: number };
  readonly paymentTermsYears: readonly number[];
}

const GENDERS: readonly Gender[] = ['male', 'female'];

type Parsed<T> =
  { readonly ok: true; readonly rows: T[] } | { readonly ok: false; readonly problems: TableProblem[] };

/** Splits CSV text (no quoted fields are needed for numeric tables) into a header and rows, dropping blank lines. */
function splitCsv(text: string): { header: string[]; lines: { line: number; cells: string[] }[] } {
  const all = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = (all[0] ?? '').split(',').map((h) => h.trim().toLowerCase());
  const lines = all
    .slice(1)
    .map((raw, i) => ({ line: i + 2, cells: raw.split(',').map((c) => c.trim()) }))
    .filter((l) => l.cells.some((c) => c !== ''));
  return { header, lines };
}

function integerCell(value: string | undefined): number | null {
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : null;
}

const RATE_COLUMNS = ['entry_age', 'gender', 'payment_term', 'rate_per_1000_fen'];

/** Rate table CSV: `entry_age,gender,payment_term,rate_per_1000_fen`, one row per cell, every cell a number. */
export function parseRateCsv(text: string): Parsed<RateRow> {
  const { header, lines } = splitCsv(text);
  if (RATE_COLUMNS.some((c, i) => header[i] !== c) || header.length !== RATE_COLUMNS.length) {
    return {
      ok: false,
      problems: [
        {
          pointer: '/csv/1',
          rule: 'TABLE.HEADER',
          message: `the header must be ${RATE_COLUMNS.join(',')}`,
          params: { header: RATE_COLUMNS.join(',') },
        },
      ],
    };
  }
  const problems: TableProblem[] = [];
  const rows: RateRow[] = [];
  for (const { line, cells } of lines) {
    const [age, gender, term, rate] = [
      integerCell(cells[0]),
      cells[1],
      integerCell(cells[2]),
      integerCell(cells[3]),
    ];
    const bad = (column: string, message: string, params: TableProblem['params']) =>
      problems.push({ pointer: `/csv/${line}/${column}`, rule: 'TABLE.CELL', message, params });
    if (cells.length !== RATE_COLUMNS.length)
      bad('*', `expected ${RATE_COLUMNS.length} cells, got ${cells.length}`, {
        problem: 'cells',
        expected: RATE_COLUMNS.length,
        got: cells.length,
      });
    else if (age === null)
      bad('entry_age', `"${cells[0]}" is not a whole number`, { problem: 'whole', value: cells[0] ?? '' });
    else if (gender !== 'male' && gender !== 'female')
      bad('gender', `"${gender}" is not male or female`, { problem: 'gender', value: gender ?? '' });
    else if (term === null)
      bad('payment_term', `"${cells[2]}" is not a whole number`, { problem: 'whole', value: cells[2] ?? '' });
    else if (rate === null || rate === 0)
      bad('rate_per_1000_fen', `"${cells[3]}" is not a positive whole number of fen`, {
        problem: 'rate',
        value: cells[3] ?? '',
      });
    else rows.push({ entryAge: age, gender, paymentTermYears: term, ratePer1000Fen: rate });
  }
  return problems.length ? { ok: false, problems } : { ok: true, rows };
}

/** Cash-value CSV: `entry_age,gender,payment_term,year_1,...,year_n`, values per 1,000 yuan of sum insured in fen. */
export function parseCashValueCsv(text: string): Parsed<CashValueRow> {
  const { header, lines } = splitCsv(text);
  const years = header.slice(3);
  const headerOk =
    header[0] === 'entry_age' &&
    header[1] === 'gender' &&
    header[2] === 'payment_term' &&
    years.length > 0 &&
    years.every((y, i) => y === `year_${i + 1}`);
  if (!headerOk) {
    return {
      ok: false,
      problems: [
        {
          pointer: '/csv/1',
          rule: 'TABLE.HEADER',
          message: 'the header must be entry_age,gender,payment_term,year_1,...,year_n',
          params: { header: 'entry_age,gender,payment_term,year_1,...,year_n' },
        },
      ],
    };
  }
  const problems: TableProblem[] = [];
  const rows: CashValueRow[] = [];
  for (const { line, cells } of lines) {
    const bad = (column: string, message: string, params: TableProblem['params']) =>
      problems.push({ pointer: `/csv/${line}/${column}`, rule: 'TABLE.CELL', message, params });
    if (cells.length !== header.length) {
      bad('*', `expected ${header.length} cells, got ${cells.length}`, {
        problem: 'cells',
        expected: header.length,
        got: cells.length,
      });
      continue;
    }
    const age = integerCell(cells[0]);
    const term = integerCell(cells[2]);
    const gender = cells[1];
    if (age === null)
      bad('entry_age', `"${cells[0]}" is not a whole number`, { problem: 'whole', value: cells[0] ?? '' });
    if (gender !== 'male' && gender !== 'female')
      bad('gender', `"${gender}" is not male or female`, { problem: 'gender', value: gender ?? '' });
    if (term === null)
      bad('payment_term', `"${cells[2]}" is not a whole number`, { problem: 'whole', value: cells[2] ?? '' });
    const values = cells.slice(3).map(integerCell);
    values.forEach((v, i) => {
      if (v === null)
        bad(`year_${i + 1}`, `"${cells[3 + i]}" is not a whole number of fen`, {
          problem: 'rate',
          value: cells[3 + i] ?? '',
        });
    });
    if (
      age !== null &&
      term !== null &&
      (gender === 'male' || gender === 'female') &&
      values.every((v) => v !== null)
    ) {
      rows.push({ entryAge: age, gender, paymentTermYears: term, valuesPer1000Fen: values as number[] });
    }
  }
  return problems.length ? { ok: false, problems } : { ok: true, rows };
}

/**
 * Every cell the product sells must be rated exactly once: each gender and payment term has a row for every entry age
 * from the minimum to the maximum, without gaps or duplicates, and no rows outside the product's range.
 */
export function checkCoverage<T extends { entryAge: number; gender: Gender; paymentTermYears: number }>(
  rows: readonly T[],
  shape: TableShape,
  table: 'rates' | 'cashValues',
): TableProblem[] {
  const problems: TableProblem[] = [];
  const seen = new Map<string, number>();
  rows.forEach((row, i) => {
    const key = `${row.gender}/${row.paymentTermYears}/${row.entryAge}`;
    if (seen.has(key)) {
      problems.push({
        pointer: `/${table}/${i}`,
        rule: 'TABLE.DUPLICATE',
        message: `${key} appears twice (rows ${seen.get(key)} and ${i})`,
        params: { key, first: seen.get(key) ?? 0, second: i },
      });
    }
    seen.set(key, i);
    if (!shape.paymentTermsYears.includes(row.paymentTermYears)) {
      problems.push({
        pointer: `/${table}/${i}/paymentTermYears`,
        rule: 'TABLE.OUT_OF_RANGE',
        message: `the product has no ${row.paymentTermYears}-year payment term`,
        params: { what: 'term', value: row.paymentTermYears },
      });
    }
    if (row.entryAge < shape.entryAge.min || row.entryAge > shape.entryAge.max) {
      problems.push({
        pointer: `/${table}/${i}/entryAge`,
        rule: 'TABLE.OUT_OF_RANGE',
        message: `entry age ${row.entryAge} is outside ${shape.entryAge.min}-${shape.entryAge.max}`,
        params: { what: 'age', value: row.entryAge, min: shape.entryAge.min, max: shape.entryAge.max },
      });
    }
  });
  for (const gender of GENDERS) {
    for (const term of shape.paymentTermsYears) {
      const missing: number[] = [];
      for (let age = shape.entryAge.min; age <= shape.entryAge.max; age += 1) {
        if (!seen.has(`${gender}/${term}/${age}`)) missing.push(age);
      }
      if (missing.length) {
        problems.push({
          pointer: `/${table}`,
          rule: 'TABLE.AGES_NOT_CONTIGUOUS',
          message: `${gender}, ${term}-year payment: no row for entry age ${describeAges(missing)}`,
          params: { gender, term, ages: describeAges(missing) },
        });
      }
    }
  }
  return problems;
}

/** Cash values must run one per policy year for the whole coverage term and never be negative. */
export function checkCashValueYears(
  rows: readonly CashValueRow[],
  coverageTermsYears: readonly number[],
): TableProblem[] {
  const longest = Math.max(...coverageTermsYears);
  const problems: TableProblem[] = [];
  rows.forEach((row, i) => {
    if (row.valuesPer1000Fen.length !== longest) {
      problems.push({
        pointer: `/cashValues/${i}/valuesPer1000Fen`,
        rule: 'TABLE.YEARS',
        message: `expected ${longest} policy years, got ${row.valuesPer1000Fen.length}`,
        params: { expected: longest, got: row.valuesPer1000Fen.length },
      });
    }
    row.valuesPer1000Fen.forEach((v, year) => {
      if (!Number.isInteger(v) || v < 0) {
        problems.push({
          pointer: `/cashValues/${i}/valuesPer1000Fen/${year}`,
          rule: 'TABLE.CELL',
          message: 'a cash value is a non-negative whole number of fen',
          params: { problem: 'cash_value' },
        });
      }
    });
  });
  return problems;
}

function describeAges(ages: number[]): string {
  if (ages.length <= 5) return ages.join(', ');
  return `${ages.slice(0, 5).join(', ')} and ${ages.length - 5} more`;
}
