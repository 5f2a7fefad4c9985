import { checkAction } from './improvement-action';

const today = '2026-12-02';
const rules = (input: Parameters<typeof checkAction>[0]) =>
  checkAction(input, today).map((e) => [e.pointer, e.rule]);

describe('an improvement action', () => {
  it('takes a baseline and target inside the KPI’s range, due from today on', () => {
    expect(rules({ kpi: 'lossRatio', baseline: 0.72, target: 0.6, dueOn: today })).toEqual([]);
    expect(rules({ kpi: 'nps', baseline: -100, target: 100, dueOn: '2027-06-30' })).toEqual([]);
  });

  it('refuses -9.2e18, 1e308, a rate above 1, a fractional count and a due date yesterday, naming the field', () => {
    expect(rules({ kpi: 'newPolicies', baseline: -9.2e18, target: 1e308, dueOn: '2026-12-01' })).toEqual([
      ['/baseline', 'IMPROVEMENT.KPI_RANGE'],
      ['/target', 'IMPROVEMENT.KPI_RANGE'],
      ['/dueOn', 'IMPROVEMENT.DUE_PAST'],
    ]);
    expect(rules({ kpi: 'returnVisitSuccessRate', baseline: 0.8, target: 1.01, dueOn: today })).toEqual([
      ['/target', 'IMPROVEMENT.KPI_RANGE'],
    ]);
    expect(rules({ kpi: 'quotes', baseline: 10.5, target: 20, dueOn: today })).toEqual([
      ['/baseline', 'IMPROVEMENT.KPI_RANGE'],
    ]);
    expect(rules({ kpi: 'csat', baseline: 0, target: 4.5, dueOn: today })).toEqual([
      ['/baseline', 'IMPROVEMENT.KPI_RANGE'],
    ]);
  });
});
