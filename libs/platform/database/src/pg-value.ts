/**
 * node-postgres' own mapping of a parameter to its text (dates, buffers, arrays, JSON), for the statements this
 * library writes to the wire itself, as node-postgres would for its own. Internal: not exported by the package.
 */
export const { prepareValue } = require('pg/lib/utils') as { prepareValue: (value: unknown) => unknown };
