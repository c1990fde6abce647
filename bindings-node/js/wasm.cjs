'use strict';
// `require('hookseal/wasm')` in Node and Bun: the package's API over the
// WebAssembly backend, whatever native binary is installed.
const { randomBytes } = require('node:crypto');
const { createApi } = require('./core.cjs');

// As in index.cjs: text payloads up to 64 KiB go through one reused buffer.
const SCRATCH_LIMIT = 64 * 1024;
const scratch = Buffer.allocUnsafe(SCRATCH_LIMIT);

function utf8Payload(text) {
  if (text.length * 3 > SCRATCH_LIMIT) return Buffer.from(text, 'utf8');
  const n = scratch.utf8Write(text, 0);
  return new Uint8Array(scratch.buffer, scratch.byteOffset, n);
}

module.exports = createApi(require('./backend-wasm.cjs'), {
  utf8: (text) => Buffer.from(text, 'utf8'),
  utf8Payload,
  randomId: () => `msg_${randomBytes(12).toString('hex')}`,
});
