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

module.exports = createApi(backend, {
  utf8: (text) => Buffer.from(text, 'utf8'),
  randomId: () => `msg_${randomBytes(12).toString('hex')}`,
});
