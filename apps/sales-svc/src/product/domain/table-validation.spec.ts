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
        },
        {
          pointer: '/csv/13/rate_per_1000_fen',
          rule: 'TABLE.CELL',
          message: '"1.5" is not a positive whole number of fen',
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
        { rule: 'TABLE.YEARS', message: 'expected 5 policy years, got 3' },
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
