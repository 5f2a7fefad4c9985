/** The kafkajs release the corrections to its internals (`kafkajs-*-fix.ts`) were written against and checked on. */
export const KAFKAJS_CORRECTED_VERSION = '2.2.4';

/** Whether the installed kafkajs is that release: its internals are reached as files of its package, unversioned. */
export function kafkajsIsCorrectedVersion(): boolean {
  const { version } = require('kafkajs/package.json') as { version: string };
  return version === KAFKAJS_CORRECTED_VERSION;
}
