'use strict';
// The WebAssembly backend in Node (and Bun): HOOKSEAL_BACKEND=wasm, the
// `hookseal/wasm` entry, and the fallback when no native binary fits. The
// builds of bindings-wasm/ (`make build-wasm`) are in ../wasm/; each one's
// CommonJS glue reads its .wasm file when it is first needed.
const { createWasmBackend } = require('./wasm-backend.cjs');

function load(flavor) {
  try {
    return require(`../wasm/hookseal_${flavor}.cjs`);
  } catch (err) {
    const e = new Error(
      `hookseal's WebAssembly build (wasm/hookseal_${flavor}.cjs) is missing from the package; in a checkout, run \`make build-wasm\``,
    );
    e.cause = err;
    throw e;
  }
}

module.exports = createWasmBackend({
  loadHmac: () => load('hmac'),
  loadFull: () => load('full'),
  fullEntry: 'hookseal',
});
