import { checkIntake, inForceOn, missingDocuments, type ClaimReport, type PolicyCover } from './intake';

const policy: PolicyCover = {
  insuredId: 'i-1',
  isLife: true,
  effectiveDate: '2026-01-01',
  expiryDate: '2045-12-31',
  endedOn: null,
  suspensions: [],
  limitationYears: 5,
};
const coverages = [
  { code: 'DEATH', claimTypes: ['death'], waitingPeriodDays: 90 },
  { code: 'HOSP', claimTypes: ['hospitalisation'], waitingPeriodDays: 30 },
];
const report: ClaimReport = { insuredId: 'i-1', claimType: 'death', eventDate: '2026-06-01' };
const codes = (p: PolicyCover | null, r = report, today = '2026-06-10') =>
  checkIntake(p, coverages, r, today).refusals.map((x) => x.code);

describe('claim intake', () => {
  it('accepts a covered event in force, after the waiting period, in time', () => {
    expect(checkIntake(policy, coverages, report, '2026-06-10')).toEqual({
      coverage: coverages[0],
      refusals: [],
    });
  });

  it('refuses an unknown policy and someone who is not the insured', () => {
    expect(codes(null)).toEqual(['CLAIM.POLICY_UNKNOWN']);
    expect(codes(policy, { ...report, insuredId: 'x' })).toEqual(['CLAIM.NOT_INSURED']);
  });

  it('refuses an event before cover, after expiry, after the policy ended, or while it was suspended', () => {
    expect(codes(policy, { ...report, eventDate: '2025-12-31' })).toContain('CLAIM.POLICY_NOT_IN_FORCE');
    expect(codes({ ...policy, endedOn: '2026-05-01' })).toEqual(['CLAIM.POLICY_NOT_IN_FORCE']);
    expect(codes({ ...policy, suspensions: [{ from: '2026-05-01', to: '2026-07-01' }] })).toEqual([
      'CLAIM.POLICY_NOT_IN_FORCE',
    ]);
    expect(
      inForceOn({ ...policy, suspensions: [{ from: '2026-05-01', to: '2026-06-01' }] }, '2026-06-01'),
    ).toBe(true);
  });

  it('refuses a claim type no coverage pays', () => {
    expect(codes(policy, { ...report, claimType: 'outpatient' as never })).toEqual(['CLAIM.NOT_COVERED']);
  });

  it('refuses an event inside the waiting period, up to its last day', () => {
    expect(codes(policy, { ...report, eventDate: '2026-03-31' })).toEqual(['CLAIM.WAITING_PERIOD']);
    expect(codes(policy, { ...report, eventDate: '2026-04-01' })).toEqual([]);
  });

  it('time-bars life claims after 5 years and non-life claims after 2 (Art. 26)', () => {
    expect(codes(policy, report, '2031-06-01')).toEqual([]);
    expect(codes(policy, report, '2031-06-02')).toEqual(['CLAIM.TIME_BARRED']);
    expect(codes({ ...policy, isLife: false }, report, '2028-06-02')).toEqual(['CLAIM.TIME_BARRED']);
  });

  it('refuses an event in the future', () => {
    expect(codes(policy, { ...report, eventDate: '2026-06-11' })).toEqual(['CLAIM.EVENT_IN_FUTURE']);
  });
});

describe('suicide exclusion (Art. 44)', () => {
  const suicide = (eventDate: string, p: PolicyCover = policy) =>
    codes(p, { ...report, eventDate, causeOfDeath: 'suicide' }, '2029-12-31');

  it('excludes suicide up to the last day of the 2 years from formation, and pays from the day after', () => {
    expect(suicide('2027-12-31')).toEqual(['CLAIM.SUICIDE_EXCLUSION']);
    expect(suicide('2028-01-01')).toEqual([]);
  });

  it('counts the 2 years again from a reinstatement', () => {
    const reinstated = { ...policy, suspensions: [{ from: '2027-03-01', to: '2027-05-10' }] };
    expect(suicide('2028-06-01', reinstated)).toEqual(['CLAIM.SUICIDE_EXCLUSION']);
    expect(suicide('2029-05-09', reinstated)).toEqual(['CLAIM.SUICIDE_EXCLUSION']);
    expect(suicide('2029-05-10', reinstated)).toEqual([]);
    const refusal = checkIntake(
      reinstated,
      coverages,
      { ...report, eventDate: '2028-06-01', causeOfDeath: 'suicide' },
      '2029-01-10',
    ).refusals[0];
    expect(refusal).toMatchObject({ source: 'Insurance Law Art. 44' });
    expect(refusal.message).toContain('reinstatement (2027-05-10)');
  });

  it('does not touch other causes of death or other claims', () => {
    expect(codes(policy, { ...report, eventDate: '2026-06-01', causeOfDeath: 'illness' })).toEqual([]);
    expect(
      codes(policy, {
        ...report,
        claimType: 'hospitalisation',
        eventDate: '2026-06-01',
        causeOfDeath: 'suicide',
      }),
    ).toEqual([]);
  });
});

describe('document checklist', () => {
  it('lists everything still missing, in checklist order', () => {
    expect(missingDocuments('hospitalisation', ['invoice', 'claim_form'])).toEqual([
      'expense_list',
      'discharge_summary',
      'insured_id',
    ]);
    expect(missingDocuments('outpatient', ['claim_form', 'invoice', 'prescription', 'insured_id'])).toEqual(
      [],
    );
  });
});
