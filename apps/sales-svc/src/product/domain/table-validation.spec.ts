import { checkCashValueYears, checkCoverage, parseCashValueCsv, parseRateCsv } from './table-validation';

const shape = { entryAge: { min: 30, max: 32 }, paymentTermsYears: [10, 20] };

function fullRates() {
  const lines = ['entry_age,gender,payment_term,rate_per_1000_fen'];
  for (const gender of ['male', 'female'])
    for (const term of [10, 20])
      for (let age = 30; age <= 32; age++) lines.push(`${age},${gender},${term},${150 + age}`);
  return lines.join('\n');
}

describe('rate table CSV', () => {
  it('parses a complete table and finds every cell covered', () => {
    const parsed = parseRateCsv(fullRates());
    expect(parsed.ok).toBe(true);
    if (parsed.ok) {
      expect(parsed.rows).toHaveLength(12);
      expect(parsed.rows[0]).toEqual({
        entryAge: 30,
        gender: 'male',
        paymentTermYears: 10,
        ratePer1000Fen: 180,
      });
      expect(checkCoverage(parsed.rows, shape, 'rates')).toEqual([]);
    }
  });

  it('names the line and column of an empty or non-numeric cell', () => {
    const text = fullRates()
      .replace('31,male,10,181', '31,male,10,')
      .replace('32,female,20,182', '32,female,20,1.5');
    const parsed = parseRateCsv(text);
    expect(parsed).toEqual({
      ok: false,
      problems: [
        {
          pointer: '/csv/3/rate_per_1000_fen',
          rule: 'TABLE.CELL',
          message: '"" is not a positive whole number of fen',
          params: { problem: 'rate', value: '' },
        },
        {
          pointer: '/csv/13/rate_per_1000_fen',
          rule: 'TABLE.CELL',
          message: '"1.5" is not a positive whole number of fen',
          params: { problem: 'rate', value: '1.5' },
        },
      ],
    });
  });

  it('refuses a wrong header', () => {
    expect(parseRateCsv('age,sex,term,rate\n30,male,10,100')).toMatchObject({
      ok: false,
      problems: [{ rule: 'TABLE.HEADER' }],
    });
  });

  it('finds a gap in the entry ages, a duplicate and a row outside the range', () => {
    const parsed = parseRateCsv(
      fullRates().replace('31,female,20,181\n', '').concat('\n30,male,10,999\n40,male,10,100'),
    );
    expect(parsed.ok).toBe(true);
    if (parsed.ok) {
      const rules = checkCoverage(parsed.rows, shape, 'rates').map((p) => [p.rule, p.message]);
      expect(rules).toEqual([
        ['TABLE.DUPLICATE', 'male/10/30 appears twice (rows 0 and 11)'],
        ['TABLE.OUT_OF_RANGE', 'entry age 40 is outside 30-32'],
        ['TABLE.AGES_NOT_CONTIGUOUS', 'female, 20-year payment: no row for entry age 31'],
      ]);
    }
  });
});

describe('cash-value table CSV', () => {
  it('parses values per policy year and checks there is one for each year of cover', () => {
    const parsed = parseCashValueCsv(
      'entry_age,gender,payment_term,year_1,year_2,year_3\n30,male,10,0,1200,3100',
    );
    expect(parsed).toEqual({
      ok: true,
      rows: [{ entryAge: 30, gender: 'male', paymentTermYears: 10, valuesPer1000Fen: [0, 1200, 3100] }],
    });
    if (parsed.ok) {
      expect(checkCashValueYears(parsed.rows, [3])).toEqual([]);
      expect(checkCashValueYears(parsed.rows, [5])).toMatchObject([
        { rule: 'TABLE.YEARS', message: 'expected 5 policy years, got 3', params: { expected: 5, got: 3 } },
      ]);
    }
  });

  it('names a missing year column value', () => {
    expect(parseCashValueCsv('entry_age,gender,payment_term,year_1,year_2\n30,male,10,0,x')).toMatchObject({
      ok: false,
      problems: [{ pointer: '/csv/2/year_2' }],
    });
  });
});

describe('table validation, each problem exactly', () => {
  it('reads a BOM, CRLF line ends, upper-case headers and blank lines, and counts lines from the header', () => {
    const parsed = parseRateCsv(
      '\uFEFFENTRY_AGE, Gender ,payment_term,rate_per_1000_fen\r\n\r\n30,male,20,1200\r\n  \r\n31,female,20,1100\r\n',
    );
    expect(parsed).toEqual({
      ok: true,
      rows: [
        { entryAge: 30, gender: 'male', paymentTermYears: 20, ratePer1000Fen: 1200 },
        { entryAge: 31, gender: 'female', paymentTermYears: 20, ratePer1000Fen: 1100 },
      ],
    });
  });

  it('names each bad rate cell by line and column, one problem per line, first failing column first', () => {
    const csv = [
      'entry_age,gender,payment_term,rate_per_1000_fen',
      '30,male,20',
      'x,male,20,1',
      '30,other,20,1',
      '30,male,1.5,1',
      '30,male,20,0',
      '30,male,20,-3',
      '30,male,20,1,9',
    ].join('\n');
    expect(parseRateCsv(csv)).toEqual({
      ok: false,
      problems: [
        {
          pointer: '/csv/2/*',
          rule: 'TABLE.CELL',
          message: 'expected 4 cells, got 3',
          params: { problem: 'cells', expected: 4, got: 3 },
        },
        {
          pointer: '/csv/3/entry_age',
          rule: 'TABLE.CELL',
          message: '"x" is not a whole number',
          params: { problem: 'whole', value: 'x' },
        },
        {
          pointer: '/csv/4/gender',
          rule: 'TABLE.CELL',
          message: '"other" is not male or female',
          params: { problem: 'gender', value: 'other' },
        },
        {
          pointer: '/csv/5/payment_term',
          rule: 'TABLE.CELL',
          message: '"1.5" is not a whole number',
          params: { problem: 'whole', value: '1.5' },
        },
        {
          pointer: '/csv/6/rate_per_1000_fen',
          rule: 'TABLE.CELL',
          message: '"0" is not a positive whole number of fen',
          params: { problem: 'rate', value: '0' },
        },
        {
          pointer: '/csv/7/rate_per_1000_fen',
          rule: 'TABLE.CELL',
          message: '"-3" is not a positive whole number of fen',
          params: { problem: 'rate', value: '-3' },
        },
        {
          pointer: '/csv/8/*',
          rule: 'TABLE.CELL',
          message: 'expected 4 cells, got 5',
          params: { problem: 'cells', expected: 4, got: 5 },
        },
      ],
    });
  });

  it('refuses a rate header with an extra, a missing or a reordered column', () => {
    const refused = {
      ok: false,
      problems: [
        {
          pointer: '/csv/1',
          rule: 'TABLE.HEADER',
          message: 'the header must be entry_age,gender,payment_term,rate_per_1000_fen',
          params: { header: 'entry_age,gender,payment_term,rate_per_1000_fen' },
        },
      ],
    };
    expect(parseRateCsv('entry_age,gender,payment_term,rate_per_1000_fen,x\n')).toEqual(refused);
    expect(parseRateCsv('entry_age,gender,payment_term\n')).toEqual(refused);
    expect(parseRateCsv('gender,entry_age,payment_term,rate_per_1000_fen\n')).toEqual(refused);
    expect(parseRateCsv('')).toEqual(refused);
  });

  it('lists every bad cash-value cell of a line, and refuses headers without consecutive years', () => {
    const header = 'entry_age,gender,payment_term,year_1,year_2';
    expect(parseCashValueCsv(`${header}\n30,male,20,100,200\n`)).toEqual({
      ok: true,
      rows: [{ entryAge: 30, gender: 'male', paymentTermYears: 20, valuesPer1000Fen: [100, 200] }],
    });
    expect(parseCashValueCsv(`${header}\nx,other,y,1.5,\n30,male,20,1\n`)).toEqual({
      ok: false,
      problems: [
        {
          pointer: '/csv/2/entry_age',
          rule: 'TABLE.CELL',
          message: '"x" is not a whole number',
          params: { problem: 'whole', value: 'x' },
        },
        {
          pointer: '/csv/2/gender',
          rule: 'TABLE.CELL',
          message: '"other" is not male or female',
          params: { problem: 'gender', value: 'other' },
        },
        {
          pointer: '/csv/2/payment_term',
          rule: 'TABLE.CELL',
          message: '"y" is not a whole number',
          params: { problem: 'whole', value: 'y' },
        },
        {
          pointer: '/csv/2/year_1',
          rule: 'TABLE.CELL',
          message: '"1.5" is not a whole number of fen',
          params: { problem: 'rate', value: '1.5' },
        },
        {
          pointer: '/csv/2/year_2',
          rule: 'TABLE.CELL',
          message: '"" is not a whole number of fen',
          params: { problem: 'rate', value: '' },
        },
        {
          pointer: '/csv/3/*',
          rule: 'TABLE.CELL',
          message: 'expected 5 cells, got 4',
          params: { problem: 'cells', expected: 5, got: 4 },
        },
      ],
    });
    const refused = {
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
    for (const bad of [
      'entry_age,gender,payment_term',
      'entry_age,gender,payment_term,year_2',
      'age,gender,payment_term,year_1',
      'entry_age,sex,payment_term,year_1',
      'entry_age,gender,term,year_1',
    ])
      expect(parseCashValueCsv(`${bad}\n`)).toEqual(refused);
  });

  it('reports duplicates, terms and ages out of range, and the missing ages of each gender and term', () => {
    const row = (entryAge: number, gender: 'male' | 'female', paymentTermYears: number) => ({
      entryAge,
      gender,
      paymentTermYears,
    });
    const shape = { entryAge: { min: 30, max: 31 }, paymentTermsYears: [10, 20] };
    const rows = [
      row(30, 'male', 10),
      row(31, 'male', 10),
      row(30, 'male', 10),
      row(29, 'male', 20),
      row(32, 'male', 20),
      row(30, 'female', 15),
      row(30, 'female', 10),
      row(31, 'female', 10),
      row(30, 'female', 20),
      row(31, 'female', 20),
    ];
    expect(checkCoverage(rows, shape, 'cashValues')).toEqual([
      {
        pointer: '/cashValues/2',
        rule: 'TABLE.DUPLICATE',
        message: 'male/10/30 appears twice (rows 0 and 2)',
        params: { key: 'male/10/30', first: 0, second: 2 },
      },
      {
        pointer: '/cashValues/3/entryAge',
        rule: 'TABLE.OUT_OF_RANGE',
        message: 'entry age 29 is outside 30-31',
        params: { what: 'age', value: 29, min: 30, max: 31 },
      },
      {
        pointer: '/cashValues/4/entryAge',
        rule: 'TABLE.OUT_OF_RANGE',
        message: 'entry age 32 is outside 30-31',
        params: { what: 'age', value: 32, min: 30, max: 31 },
      },
      {
        pointer: '/cashValues/5/paymentTermYears',
        rule: 'TABLE.OUT_OF_RANGE',
        message: 'the product has no 15-year payment term',
        params: { what: 'term', value: 15 },
      },
      {
        pointer: '/cashValues',
        rule: 'TABLE.AGES_NOT_CONTIGUOUS',
        message: 'male, 20-year payment: no row for entry age 30, 31',
        params: { gender: 'male', term: 20, ages: '30, 31' },
      },
    ]);
    const wide = { entryAge: { min: 20, max: 26 }, paymentTermsYears: [10] };
    const some = [row(20, 'male', 10), ...[20, 21, 22, 23, 24, 25, 26].map((a) => row(a, 'female', 10))];
    expect(checkCoverage(some, wide, 'rates')).toEqual([
      {
        pointer: '/rates',
        rule: 'TABLE.AGES_NOT_CONTIGUOUS',
        message: 'male, 10-year payment: no row for entry age 21, 22, 23, 24, 25 and 1 more',
        params: { gender: 'male', term: 10, ages: '21, 22, 23, 24, 25 and 1 more' },
      },
    ]);
    const fiveMissing = [row(20, 'male', 10), row(26, 'male', 10), ...some.slice(1)];
    expect(checkCoverage(fiveMissing, wide, 'rates')[0].message).toBe(
      'male, 10-year payment: no row for entry age 21, 22, 23, 24, 25',
    );
  });

  it('wants one non-negative whole cash value per year of the longest cover', () => {
    const row = (valuesPer1000Fen: number[]) => ({
      entryAge: 30,
      gender: 'male' as const,
      paymentTermYears: 10,
      valuesPer1000Fen,
    });
    expect(checkCashValueYears([row([0, 10, 20])], [2, 3])).toEqual([]);
    expect(checkCashValueYears([row([0, 10]), row([0, -1, 2.5])], [3])).toEqual([
      {
        pointer: '/cashValues/0/valuesPer1000Fen',
        rule: 'TABLE.YEARS',
        message: 'expected 3 policy years, got 2',
        params: { expected: 3, got: 2 },
      },
      {
        pointer: '/cashValues/1/valuesPer1000Fen/1',
        rule: 'TABLE.CELL',
        message: 'a cash value is a non-negative whole number of fen',
        params: { problem: 'cash_value' },
      },
      {
        pointer: '/cashValues/1/valuesPer1000Fen/2',
        rule: 'TABLE.CELL',
        message: 'a cash value is a non-negative whole number of fen',
        params: { problem: 'cash_value' },
      },
    ]);
  });
});
