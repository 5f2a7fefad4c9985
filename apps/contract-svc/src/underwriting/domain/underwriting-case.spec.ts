import { eventFixtures } from '@insurer/contracts/testing';
import {
  automaticOutcome,
  decide,
  loadedPremium,
  openCase,
  take,
  type SubmittedApplication,
} from './underwriting-case';
import { UnderwritingAssignedError, UnderwritingClosedError } from './underwriting.errors';

const NOW = new Date('2026-03-02T02:00:00Z');
const application: SubmittedApplication = {
  ...eventFixtures['sales.application-submitted'],
  premiumFen: 100_000,
};
const referral = {
  decision: 'refer' as const,
  loadingPercent: null,
  exclusions: [],
  reasons: [{ code: 'UW.X', message: 'x' }],
};
const reason = [{ code: 'UW.MANUAL', message: 'reviewed' }];

describe('the underwriting case', () => {
  it('refers a case when the product terms have not arrived', () => {
    expect(automaticOutcome(application, null)).toMatchObject({
      decision: 'refer',
      reasons: [{ code: 'UW.PRODUCT_UNKNOWN' }],
    });
  });

  it('opens the offer at once on an automatic acceptance, and announces the decision by "auto"', () => {
    const { state, event } = openCase(
      application,
      { decision: 'accept', loadingPercent: null, exclusions: [], reasons: [] },
      NOW,
    );
    expect(state).toMatchObject({
      status: 'decided',
      decidedBy: 'auto',
      offerStatus: 'awaiting',
      offerPremiumFen: 100_000,
    });
    expect(event).toMatchObject({ decision: 'accept', decidedBy: 'auto' });
  });

  it('queues a referral with no offer yet, and announces the referral', () => {
    const { state, event } = openCase(application, referral, NOW);
    expect(state).toMatchObject({ status: 'referred', decision: null, offerStatus: null, decidedAt: null });
    expect(event.decision).toBe('refer');
  });

  it('lets an underwriter take a case, refusing one held by another or already decided', () => {
    const queued = openCase(application, referral, NOW).state;
    const taken = take(queued, 'uw-1');
    expect(taken).toMatchObject({ status: 'assigned', assignee: 'uw-1' });
    expect(take(taken, 'uw-1').assignee).toBe('uw-1');
    expect(() => take(taken, 'uw-2')).toThrow(UnderwritingAssignedError);
    expect(() =>
      take(decide(taken, 'uw-1', { decision: 'accept', reasons: reason }, NOW).state, 'uw-1'),
    ).toThrow(UnderwritingClosedError);
  });

  it('loads the offer premium only on acceptance with loading, rounded half up', () => {
    const queued = openCase(application, referral, NOW).state;
    const loaded = decide(
      queued,
      'uw-1',
      { decision: 'accept_with_loading', loadingPercent: 25, reasons: reason },
      NOW,
    );
    expect(loaded.state).toMatchObject({
      loadingPercent: 25,
      offerPremiumFen: 125_000,
      decidedBy: 'uw-1',
      assignee: 'uw-1',
    });
    const ignored = decide(queued, 'uw-1', { decision: 'accept', loadingPercent: 25, reasons: reason }, NOW);
    expect(ignored.state).toMatchObject({ loadingPercent: null, offerPremiumFen: 100_000 });
    expect(loadedPremium(333, 50)).toBe(500);
    expect(loadedPremium(100, null)).toBe(100);
  });

  it('declines without exclusions and without an offer', () => {
    const queued = openCase(application, referral, NOW).state;
    const declined = decide(queued, 'uw-1', { decision: 'decline', exclusions: ['x'], reasons: reason }, NOW);
    expect(declined.state).toMatchObject({ offerStatus: 'declined', exclusions: [], offerPremiumFen: null });
    expect(declined.event).toMatchObject({ decision: 'decline', decidedBy: 'uw-1' });
  });

  it('refuses a decision by another underwriter than the one holding the case, and on a decided case', () => {
    const taken = take(openCase(application, referral, NOW).state, 'uw-1');
    expect(() => decide(taken, 'uw-2', { decision: 'accept', reasons: reason }, NOW)).toThrow(
      UnderwritingAssignedError,
    );
    const auto = openCase(
      application,
      { decision: 'accept', loadingPercent: null, exclusions: [], reasons: [] },
      NOW,
    );
    expect(() => decide(auto.state, 'uw-1', { decision: 'decline', reasons: reason }, NOW)).toThrow(
      UnderwritingClosedError,
    );
  });
});
