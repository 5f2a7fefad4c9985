// The legal sources moved down to regulation/, where every feature can cite them.
export * from '../../regulation/domain/sources';
