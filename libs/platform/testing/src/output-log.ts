/**
 * A child process's output as it arrives. `text` is all of it; `since(mark)` only what came after a mark, without
 * the whole: reading `text` after more has arrived makes V8 copy the whole output into one string (megabytes in a long
 * benchmark), where a poll for a recent line (a one-time code the local gateway logged) needs only the tail.
 */
export class OutputLog {
  private all = '';
  private readonly pieces: string[] = [];
  /** Where each piece starts, in characters of the whole. */
  private readonly starts: number[] = [];

  append(text: string): void {
    if (text === '') return;
    this.pieces.push(text);
    this.starts.push(this.all.length);
    this.all += text;
  }

  get text(): string {
    return this.all;
  }

  /** Characters so far: a mark for `since` (a string's length needs no copy of it). */
  get length(): number {
    return this.all.length;
  }

  since(mark: number): string {
    if (mark >= this.all.length) return '';
    const from = Math.max(0, mark);
    // The last piece that starts at or before the mark.
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid] <= from) low = mid;
      else high = mid - 1;
    }
    return this.pieces
      .slice(low)
      .join('')
      .slice(from - this.starts[low]);
  }
}
