/**
 * The code the local SMS gateway logged last for this mobile (it logs the number masked, the text in clear). The log
 * is searched from its end, line by line back to the first match: the benchmarks ask this of a service's whole output
 * for every flow, and splitting that output into lines each time cost the load driver more the longer it ran.
 */
export function otpFromLog(log: string, mobile: string): string | undefined {
  const masked = `${mobile.slice(0, 3)}****${mobile.slice(-4)}`;
  for (let at = log.lastIndexOf(masked); at >= 0; at = at > 0 ? log.lastIndexOf(masked, at - 1) : -1) {
    const start = log.lastIndexOf('\n', at) + 1;
    const end = log.indexOf('\n', at);
    const line = log.slice(start, end < 0 ? log.length : end);
    if (!line.includes('verification code')) continue;
    return /verification code is (\d{6})/.exec(line)?.[1];
  }
  return undefined;
}
