'use strict';
// `require('hookseal/wasm')` in Node and Bun: the package's API over the
// WebAssembly backend, whatever native binary is installed.
const { randomBytes } = require('node:crypto');
const { createApi } = require('./core.cjs');

module.exports = createApi(require('./backend-wasm.cjs'), {
  utf8: (text) => Buffer.from(text, 'utf8'),
  randomId: () => `msg_${randomBytes(12).toString('hex')}`,
});
