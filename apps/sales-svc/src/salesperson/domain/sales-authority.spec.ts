import { ApplicationSubmittedV1 } from '@insurer/contracts';
import { salesAuthority, standingAtSale, type SalespersonStanding } from './sales-authority';

const able: SalespersonStanding = {
  salespersonId: 's-1',
  grade: 'G2',
  licenceNumber: 'L-001',
  licenceValidUntil: '2027-12-31',
  training: { hoursByYear: { 2026: 36 }, serviceStartedOn: '2020-01-01' },
  status: 'active',
};
const codes = (p: Partial<SalespersonStanding>, grade: 'R1' | 'R3' | 'R4' = 'R1', today = '2026-06-01') =>
  salesAuthority({ ...able, ...p }, grade, today).map((r) => r.code);

describe('salesperson authority', () => {
  it('lets a graded, licensed, trained, active salesperson sell up to their grade', () => {
    expect(codes({}, 'R3')).toEqual([]);
  });

  it.each([
    ['ungraded', { grade: null }, 'SALESPERSON.UNGRADED'],
    ['without a licence', { licenceNumber: null }, 'SALESPERSON.UNLICENSED'],
    ['with an expired licence', { licenceValidUntil: '2026-05-31' }, 'SALESPERSON.UNLICENSED'],
    [
      'under 30 hours of training',
      { training: { hoursByYear: { 2025: 29.5, 2026: 29.5 }, serviceStartedOn: '2020-01-01' } },
      'SALESPERSON.UNDERTRAINED',
    ],
    ['suspended', { status: 'suspended' as const }, 'SALESPERSON.INACTIVE'],
    ['departed', { status: 'departed' as const }, 'SALESPERSON.INACTIVE'],
  ])('refuses one %s', (_case, change, code) => {
    expect(codes(change)).toEqual([code]);
  });

  it('accepts a licence on its last valid day and refuses it the day after', () => {
    expect(codes({ licenceValidUntil: '2026-06-01' })).toEqual([]);
    expect(codes({ licenceValidUntil: '2026-05-31' })).toEqual(['SALESPERSON.UNLICENSED']);
    expect(codes({ licenceValidUntil: null })).toEqual(['SALESPERSON.UNLICENSED']);
  });

  it('accepts exactly 30 hours of training, and says which years fell short', () => {
    expect(codes({ training: { hoursByYear: { 2026: 30 }, serviceStartedOn: '2020-01-01' } })).toEqual([]);
    const [reason] = salesAuthority(
      { ...able, training: { hoursByYear: { 2025: 29.5, 2026: 4 }, serviceStartedOn: '2020-01-01' } },
      'R1',
      '2026-06-01',
    );
    expect(reason.message).toBe(
      '29.5 training hours in 2025 and 4 so far in 2026; 30 in a year are required',
    );
  });

  it('keeps authority on 1 January for last year’s hours, and gives a new hire their first year', () => {
    const lastYear = {
      licenceValidUntil: '2030-12-31',
      training: { hoursByYear: { 2026: 30 }, serviceStartedOn: '2020-01-01' },
    };
    expect(codes(lastYear, 'R1', '2026-12-31')).toEqual([]);
    expect(codes(lastYear, 'R1', '2027-01-01')).toEqual([]);
    expect(codes(lastYear, 'R1', '2028-01-01')).toEqual(['SALESPERSON.UNDERTRAINED']);
    const hire = { training: { hoursByYear: {}, serviceStartedOn: '2026-05-01' } };
    expect(codes(hire, 'R1', '2026-06-01')).toEqual([]);
    expect(codes(hire, 'R1', '2027-05-01')).toEqual(['SALESPERSON.UNDERTRAINED']);
  });

  it('refuses a product above the grade: G1 up to R2, G2 up to R3, G3 everything', () => {
    expect(codes({ grade: 'G1' }, 'R3')).toEqual(['SALESPERSON.GRADE_TOO_LOW']);
    expect(codes({ grade: 'G2' }, 'R4')).toEqual(['SALESPERSON.GRADE_TOO_LOW']);
    expect(codes({ grade: 'G3' }, 'R4')).toEqual([]);
    expect(codes({ grade: 'G1' }, 'R1')).toEqual([]);
  });

  it('reports every missing condition at once', () => {
    expect(
      codes({ grade: null, licenceNumber: null, training: { hoursByYear: {}, serviceStartedOn: null } }),
    ).toEqual(['SALESPERSON.UNGRADED', 'SALESPERSON.UNLICENSED', 'SALESPERSON.UNDERTRAINED']);
  });

  it('gives a sale the facts the rule judged, in the contract’s shape, the id aside', () => {
    const carried = standingAtSale(able);
    expect(carried).toEqual({
      grade: 'G2',
      maxProductGrade: 'R3',
      licenceNumber: 'L-001',
      licenceValidUntil: '2027-12-31',
      trainingHoursByYear: { 2026: 36 },
      serviceStartedOn: '2020-01-01',
      status: 'active',
    });
    expect(ApplicationSubmittedV1.payload.shape.salespersonStanding.safeParse(carried).success).toBe(true);
  });
});
