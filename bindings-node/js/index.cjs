'use strict';
// The CommonJS entry (the ESM entry re-exports this module, so both see one
// Webhook and one WebhookVerificationError class).
const { randomBytes } = require('node:crypto');
const { createApi } = require('./core.cjs');

// HOOKSEAL_BACKEND=wasm runs the same API over the WebAssembly build, so one
// test suite checks both builds. Without it, the native module is used, and
// the WebAssembly build where no native binary fits this platform.
const which = process.env.HOOKSEAL_BACKEND;
let backend;
if (which === undefined || which === '') {
  try {
    backend = require('./backend-native.cjs');
  } catch (nativeError) {
    try {
      backend = require('./backend-wasm.cjs');
    } catch {
      throw nativeError;
    }
  }
} else if (which === 'native') backend = require('./backend-native.cjs');
else if (which === 'wasm') backend = require('./backend-wasm.cjs');
else throw new Error(`HOOKSEAL_BACKEND must be "native" or "wasm", not ${JSON.stringify(which)}`);

// Text payloads are encoded into one reused buffer rather than a new Buffer
// per call (every call is synchronous and the backend does not keep the
// bytes): a fresh multi-megabyte Buffer per delivery costs more in GC than
// the hashing. The buffer grows to the largest body seen, up to 4 MiB;
// larger texts get their own Buffer.
const SCRATCH_MAX = 4 * 1024 * 1024;
let scratch = Buffer.allocUnsafe(64 * 1024);

function utf8Payload(text) {
  if (text.length * 3 > scratch.length) {
    const size = Buffer.byteLength(text, 'utf8');
    if (size > scratch.length) {
      if (size > SCRATCH_MAX) return Buffer.from(text, 'utf8');
      scratch = Buffer.allocUnsafe(Math.min(SCRATCH_MAX, Math.max(size, scratch.length * 2)));
    }
  }
  const n = scratch.utf8Write(text, 0);
  return new Uint8Array(scratch.buffer, scratch.byteOffset, n);
}

module.exports = createApi(backend, {
  utf8: (text) => Buffer.from(text, 'utf8'),
  utf8Payload,
  randomId: () => `msg_${randomBytes(12).toString('hex')}`,
});
