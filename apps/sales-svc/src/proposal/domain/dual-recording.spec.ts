import {
  KEY_ELEMENTS,
  checkRecording,
  recordingRequiredBecause,
  recordingRetentionYears,
  retentionAfterDispute,
} from './dual-recording';

const sale = {
  productType: 'term_life',
  isLife: true,
  productRequiresRecording: false,
  buyerAge: 45,
  coverageTermYears: 20,
  channel: 'agent',
};
const recording = {
  reference: 'rec-1',
  sha256: 'a'.repeat(64),
  durationSeconds: 900,
  checklist: [...KEY_ELEMENTS],
};

describe('when a sale must be recorded (双录)', () => {
  it.each([
    ['a 45-year-old buying term life from an agent', {}, []],
    [
      'a 60-year-old buying life cover over a year',
      { buyerAge: 60 },
      ['buyer aged 60 or over on life cover over one year'],
    ],
    ['a 60-year-old buying one-year cover', { buyerAge: 60, coverageTermYears: 1 }, []],
    [
      'a 70-year-old buying non-life accident cover',
      { buyerAge: 70, isLife: false, productType: 'accident' },
      [],
    ],
    ['any unit-linked sale', { productType: 'unit_linked' }, ['unit-linked product']],
    ['any telesale', { channel: 'telesales' }, ['telesales']],
    ['a product that requires it', { productRequiresRecording: true }, ['the product requires it']],
  ])('%s', (_case, change, because) => {
    expect(recordingRequiredBecause({ ...sale, ...change })).toEqual(because);
  });
});

describe('the recording an application carries', () => {
  it('is not needed when the sale needs none', () => {
    expect(checkRecording(sale, null)).toEqual([]);
  });

  it('must be there when required', () => {
    expect(checkRecording({ ...sale, channel: 'telesales' }, null)).toEqual([
      expect.objectContaining({
        code: 'SALES.DUAL_RECORDING_MISSING',
        source: expect.stringContaining('2017'),
        pointer: '/dualRecording',
      }),
    ]);
  });

  it('must show every key element, and investment risk for unit-linked products', () => {
    expect(checkRecording({ ...sale, channel: 'telesales' }, recording)).toEqual([]);
    const reasons = checkRecording(
      { ...sale, productType: 'unit_linked' },
      { ...recording, checklist: KEY_ELEMENTS.slice(1) },
    );
    expect(reasons).toEqual([
      expect.objectContaining({
        code: 'SALES.DUAL_RECORDING_INCOMPLETE',
        message: 'the recording does not show: identity_confirmed, investment_risk_explained',
      }),
    ]);
  });

  it('is kept 5 years for cover up to a year and 10 for longer', () => {
    expect(recordingRetentionYears(1)).toBe(5);
    expect(recordingRetentionYears(20)).toBe(10);
  });
});

describe('retention after a dispute', () => {
  it('keeps the recording 2 years after the dispute ends when that is later, never shorter', () => {
    expect(retentionAfterDispute('2032-03-01', '2030-03-01')).toBe('2032-03-01');
    expect(retentionAfterDispute('2032-03-01', '2030-03-02')).toBe('2032-03-02');
    expect(retentionAfterDispute('2032-03-01', '2031-06-30')).toBe('2033-06-30');
    expect(retentionAfterDispute(null, '2031-06-30')).toBeNull();
  });
});
