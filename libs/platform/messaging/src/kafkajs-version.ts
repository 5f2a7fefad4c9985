/** The kafkajs release the corrections to its internals (`kafkajs-*-fix.ts`) were written against and checked on. */
export const KAFKAJS_CORRECTED_VERSION = '2.2.4';

/** Whether the installed kafkajs is that release: its internals are reached as files of its package, unversioned. */
export function kafkajsIsCorrectedVersion(): boolean {
  const { version } = require('kafkajs/package.json') as { version: string };
  return version === KAFKAJS_CORRECTED_VERSION;
}

/**
 * A correction that changes kafkajs' internals in place (a prototype's method, a class's static): the function
 * returned runs `patch` the first time it is called on the corrected release, and says whether the correction is in
 * force (false for another release of kafkajs, where `patch` never runs).
 */
export function kafkajsCorrection(patch: () => void): () => boolean {
  let applied = false;
  return () => {
    if (applied) return true;
    if (!kafkajsIsCorrectedVersion()) return false;
    patch();
    applied = true;
    return true;
  };
}

/**
 * Replaces a kafkajs module's export in Node's module cache, for a module another of kafkajs' modules (`before`)
 * binds when it loads: true once `module` answers with `replacement`; false for another release of kafkajs, or when
 * `before` is loaded already and so holds the original.
 */
export function replaceKafkajsModule(module: string, before: string, replacement: unknown): boolean {
  if (!kafkajsIsCorrectedVersion()) return false;
  if (require.cache[require.resolve(before)]) return false;
  const path = require.resolve(module);
  require(path);
  const loaded = require.cache[path];
  if (!loaded) return false;
  loaded.exports = replacement;
  return require(path) === replacement;
}
