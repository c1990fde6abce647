'use strict';
// The WebAssembly backend for Node (HOOKSEAL_BACKEND=wasm): the wasm-bindgen
// build of bindings-wasm/ (`wasm-pack build --target nodejs`), copied to
// ../wasm/. It exports the functions of js/backend.md under the same names.
let wasm;
try {
  wasm = require('../wasm/hookseal_wasm.js');
} catch (err) {
  const e = new Error(
    'HOOKSEAL_BACKEND=wasm, but the WebAssembly build is not in bindings-node/wasm/ (build bindings-wasm with wasm-pack --target nodejs and copy pkg/ there)',
  );
  e.cause = err;
  throw e;
}

module.exports = {
  name: 'wasm',
  createWebhook: (scheme, secrets, options) => wasm.createWebhook(scheme, secrets, options),
  headerNames: (handle) => wasm.headerNames(handle),
  verifySignature: (handle, body, values, now) => wasm.verifySignature(handle, body, values, now),
  verify: (handle, body, values, now) => wasm.verify(handle, body, values, now),
  sign: (handle, body, timestamp, id) => wasm.sign(handle, body, timestamp, id),
};
