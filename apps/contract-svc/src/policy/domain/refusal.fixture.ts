/**
 * What `run` threw, for the domain specs that read a refusal's code, rule and fields: of class `kind` when one is
 * named (anything else is rethrown), and the spec fails if nothing was thrown.
 */
export function refusal<E = Error & Record<string, unknown>>(
  run: () => unknown,
  kind?: abstract new (...args: never[]) => E,
): E {
  try {
    run();
  } catch (e) {
    if (kind && !(e instanceof kind)) throw e;
    return e as E;
  }
  throw new Error('the change was not refused');
}
