import { salesAuthority, type SalespersonStanding } from './sales-authority';

const able: SalespersonStanding = {
  salespersonId: 's-1',
  grade: 'G2',
  licenceNumber: 'L-001',
  licenceValidUntil: '2027-12-31',
  trainingHoursThisYear: 36,
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
    ['under 30 hours of training', { trainingHoursThisYear: 29.5 }, 'SALESPERSON.UNDERTRAINED'],
    ['suspended', { status: 'suspended' as const }, 'SALESPERSON.INACTIVE'],
    ['departed', { status: 'departed' as const }, 'SALESPERSON.INACTIVE'],
  ])('refuses one %s', (_case, change, code) => {
    expect(codes(change)).toEqual([code]);
  });

  it('refuses a product above the grade: G1 up to R2, G2 up to R3, G3 everything', () => {
    expect(codes({ grade: 'G1' }, 'R3')).toEqual(['SALESPERSON.GRADE_TOO_LOW']);
    expect(codes({ grade: 'G2' }, 'R4')).toEqual(['SALESPERSON.GRADE_TOO_LOW']);
    expect(codes({ grade: 'G3' }, 'R4')).toEqual([]);
  });

  it('reports every missing condition at once', () => {
    expect(codes({ grade: null, licenceNumber: null, trainingHoursThisYear: 0 })).toEqual([
      'SALESPERSON.UNGRADED',
      'SALESPERSON.UNLICENSED',
      'SALESPERSON.UNDERTRAINED',
    ]);
  });
});
