'use strict';
// Issue 9, "no panic crosses napi": every #[napi] export is
// #[napi(catch_unwind)], so a panic in Rust (a bug in hookseal) becomes a
// JavaScript exception instead of aborting Node. The proof needs a panic: a
// debug build of the crate with the cargo feature `test-panic` adds a
// `testPanic(message)` export that panics (the published module has no such
// export). mk/node.mk builds it and passes its path in HOOKSEAL_PANIC_MODULE;
// without it (or on the wasm backend) the test is skipped.
const test = require('node:test');
const assert = require('node:assert/strict');

const modulePath = process.env.HOOKSEAL_PANIC_MODULE;
const skip = !modulePath
  ? 'HOOKSEAL_PANIC_MODULE is not set (make test-node builds it)'
  : process.env.HOOKSEAL_BACKEND === 'wasm' && 'native only';

test('a panic in Rust becomes a JavaScript exception, and the module keeps working', { skip }, () => {
  const native = require(modulePath);
  assert.equal(typeof native.testPanic, 'function');
  for (let i = 0; i < 3; i++) {
    assert.throws(() => native.testPanic(`forced panic ${i}`), (err) => {
      assert.ok(err instanceof Error);
      assert.match(err.message, new RegExp(`forced panic ${i}`));
      return true;
    });
  }
  // The plain N-API callbacks (src/direct.rs) catch panics too: this build
  // panics for the id 2^32 - 2.
  for (const fn of [native.verifySignatureArgs, native.verifyArgs]) {
    assert.throws(() => fn(2 ** 32 - 2, new Uint8Array(0)), (err) => {
      assert.ok(err instanceof Error);
      assert.match(err.message, /forced panic in a direct call/);
      assert.equal(err.code, 'internal_error');
      return true;
    });
  }
  // The same module still answers after the panics.
  assert.equal(native.httpStatus('signature_mismatch'), 401);
});

test('the published module has no panic export', () => {
  const { hookseal } = require('./helpers.cjs');
  if (process.env.HOOKSEAL_BACKEND === 'wasm') return;
  const native = require('../native/binding.cjs');
  assert.equal(native.testPanic, undefined);
  assert.equal(typeof hookseal.Webhook, 'function');
});
