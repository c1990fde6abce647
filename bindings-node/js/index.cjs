'use strict';
// The CommonJS entry (the ESM entry re-exports this module, so both see one
// Webhook and one WebhookVerificationError class).
const { randomBytes } = require('node:crypto');
const { createApi } = require('./core.cjs');

// HOOKSEAL_BACKEND=wasm runs the same API over the WebAssembly build, so one
// test suite checks both builds.
const which = process.env.HOOKSEAL_BACKEND || 'native';
let backend;
if (which === 'native') backend = require('./backend-native.cjs');
else if (which === 'wasm') backend = require('./backend-wasm.cjs');
else throw new Error(`HOOKSEAL_BACKEND must be "native" or "wasm", not ${JSON.stringify(which)}`);

// Text payloads up to 64 KiB are encoded into one reused buffer rather than a
// new Buffer per call: every call is synchronous and the backend does not
// keep the bytes. Larger ones get their own buffer, so the scratch stays small.
const SCRATCH_LIMIT = 64 * 1024;
const scratch = Buffer.allocUnsafe(SCRATCH_LIMIT);

function utf8Payload(text) {
  if (text.length * 3 > SCRATCH_LIMIT) return Buffer.from(text, 'utf8');
  const n = scratch.utf8Write(text, 0);
  return new Uint8Array(scratch.buffer, scratch.byteOffset, n);
}

module.exports = createApi(backend, {
  utf8: (text) => Buffer.from(text, 'utf8'),
  utf8Payload,
  randomId: () => `msg_${randomBytes(12).toString('hex')}`,
});
