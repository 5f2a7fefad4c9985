import { OutputLog } from './output-log';

describe('OutputLog', () => {
  const log = new OutputLog();
  for (const piece of ['alpha\n', 'beta', '', '\ngamma\n', 'd']) log.append(piece);

  it('keeps the whole output and its length', () => {
    expect(log.text).toBe('alpha\nbeta\ngamma\nd');
    expect(log.length).toBe(18);
  });

  it('gives what came after any mark, inside a piece or at its start', () => {
    for (let mark = 0; mark <= log.length; mark += 1) expect(log.since(mark)).toBe(log.text.slice(mark));
  });

  it('gives nothing from the end on, and everything from before the start', () => {
    expect(log.since(log.length + 5)).toBe('');
    expect(log.since(-3)).toBe(log.text);
    expect(new OutputLog().since(0)).toBe('');
  });

  it('gives what arrives after a mark was taken', () => {
    const later = new OutputLog();
    later.append('before\n');
    const mark = later.length;
    later.append('after');
    later.append(' and more');
    expect(later.since(mark)).toBe('after and more');
  });
});
