import { annualTraining } from './training-year';

const veteran = (hoursByYear: Record<string, number>) => ({ hoursByYear, serviceStartedOn: '2020-03-01' });

describe('the annual training requirement', () => {
  it('keeps authority on 31 December and 1 January for 30 hours logged in the year that just ended', () => {
    expect(annualTraining(veteran({ 2026: 30 }), '2026-12-31')).toEqual({ met: true, basis: 'this_year' });
    expect(annualTraining(veteran({ 2026: 30 }), '2027-01-01')).toEqual({ met: true, basis: 'last_year' });
    expect(annualTraining(veteran({ 2026: 30 }), '2027-12-31')).toEqual({ met: true, basis: 'last_year' });
  });

  it('ends it on 1 January when the year just ended fell short, until 30 hours of the new year are in', () => {
    expect(annualTraining(veteran({ 2026: 29.5 }), '2026-12-31')).toEqual({
      met: false,
      hoursThisYear: 29.5,
      hoursLastYear: 0,
    });
    expect(annualTraining(veteran({ 2026: 30, 2027: 12 }), '2028-01-01')).toEqual({
      met: false,
      hoursThisYear: 0,
      hoursLastYear: 12,
    });
    expect(annualTraining(veteran({ 2026: 29.5, 2027: 30 }), '2027-06-01')).toEqual({
      met: true,
      basis: 'this_year',
    });
  });

  it('gives a new hire their first 12 months, to the day before the anniversary', () => {
    const hire = { hoursByYear: {}, serviceStartedOn: '2026-09-15' };
    expect(annualTraining(hire, '2026-09-15')).toEqual({ met: true, basis: 'first_year' });
    expect(annualTraining(hire, '2027-09-14')).toEqual({ met: true, basis: 'first_year' });
    expect(annualTraining(hire, '2027-09-15')).toMatchObject({ met: false });
    expect(annualTraining({ ...hire, hoursByYear: { 2026: 30 } }, '2027-09-15')).toEqual({
      met: true,
      basis: 'last_year',
    });
  });

  it('ends the first year of a 29 February start on 1 March, and grants none without a start date', () => {
    const leap = { hoursByYear: {}, serviceStartedOn: '2028-02-29' };
    expect(annualTraining(leap, '2029-02-28')).toEqual({ met: true, basis: 'first_year' });
    expect(annualTraining(leap, '2029-03-01')).toMatchObject({ met: false });
    expect(annualTraining({ hoursByYear: {}, serviceStartedOn: null }, '2026-01-01')).toMatchObject({
      met: false,
    });
  });

  it('takes the required hours as a parameter', () => {
    expect(annualTraining(veteran({ 2026: 20 }), '2026-06-01', 20)).toEqual({
      met: true,
      basis: 'this_year',
    });
  });
});
