'use strict';
// The two plain N-API callbacks (src/direct.rs: verifySignatureArgs and
// verifyArgs) read their arguments with unsafe code, so they are called here
// the way only a bug or a hostile caller would: wrong types, wrong counts,
// freed ids, huge and non-ASCII header values. Each must throw an Error with
// code `invalid_argument` (or give the core's verdict), never crash, and the
// module must keep working afterwards.
const test = require('node:test');
const assert = require('node:assert/strict');

const skip = process.env.HOOKSEAL_BACKEND === 'wasm' && 'native only';
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

function setup() {
  const native = require('../native/binding.cjs');
  const backend = require('../js/backend-native.cjs');
  const { Webhook } = require('../js/index.cjs');
  const handle = backend.createWebhook('standard', [Buffer.from(SECRET)], {});
  const body = Buffer.from('{"type":"user.created","data":{}}');
  const signed = new Webhook('standard', SECRET).sign(body, { id: 'msg_1', timestamp: 1700000000 });
  const values = [signed['webhook-id'], signed['webhook-timestamp'], signed['webhook-signature']];
  return { native, backend, handle, body, values };
}

function invalidArgument(fn, pattern) {
  assert.throws(fn, (err) => {
    assert.ok(err instanceof Error, `an Error, not ${err}`);
    assert.equal(err.code, 'invalid_argument', err.message);
    if (pattern) assert.match(err.message, pattern);
    return true;
  });
}

test('a valid call through verifySignatureArgs and verifyArgs', { skip }, () => {
  const { native, handle, body, values } = setup();
  assert.equal(native.verifySignatureArgs(handle.id, body, ...values, 1700000000), undefined);
  const json = JSON.parse(native.verifyArgs(handle.id, body, ...values, 1700000000));
  assert.equal(json.type, 'user.created');
  // Views into a larger buffer are read at their offset.
  const big = Buffer.concat([Buffer.from('xxxx'), body, Buffer.from('yy')]);
  native.verifySignatureArgs(handle.id, big.subarray(4, 4 + body.length), ...values, 1700000000);
  // Any view's bytes: a DataView over the same bytes verifies too.
  assert.equal(native.verifySignatureArgs(handle.id, new DataView(big.buffer, big.byteOffset + 4, body.length), ...values, 1700000000), undefined);
  // Without `now`, the core reads the clock: the 2023 timestamp is too old.
  assert.throws(() => native.verifySignatureArgs(handle.id, body, ...values), { code: 'timestamp_too_old' });
});

test('wrong argument types and counts throw invalid_argument', { skip }, () => {
  const { native, handle, body, values } = setup();
  const fn = native.verifySignatureArgs;
  invalidArgument(() => fn(), /expected/);
  invalidArgument(() => fn(handle.id), /expected/);
  invalidArgument(() => fn('0', body, ...values), /id/);
  invalidArgument(() => fn(handle.id, body, ...values, 'now'), /now/);
  invalidArgument(() => fn(handle.id, body, ...values, NaN), /now/);
  invalidArgument(() => fn(handle.id, body, ...values, -1), /now/);
  invalidArgument(() => fn(handle.id, body, ...values, 1.5), /now/);
  for (const bad of ['text', null, undefined, {}, [1, 2], new ArrayBuffer(4), 42]) {
    invalidArgument(() => fn(handle.id, bad, ...values), /Uint8Array/);
  }
  invalidArgument(() => fn(handle.id, body, values[0], values[1]), /one value per header entry/);
  invalidArgument(() => fn(handle.id, body, ...values, 1700000000, 'extra'), /one value per header entry/);
  invalidArgument(() => fn(handle.id, body, ...Array(20).fill('x')), /expected/);
  for (const bad of [1, null, {}, Symbol('s'), 10n, ['v']]) {
    invalidArgument(() => fn(handle.id, body, values[0], values[1], bad), /strings/);
  }
  invalidArgument(() => fn(123456, body, ...values), /freed/);
  invalidArgument(() => native.verifyArgs(handle.id, body, values[0]), /one value per header entry/);
});

test('absent, huge and non-ASCII header values get the core verdict', { skip }, () => {
  const { native, handle, body, values } = setup();
  const fn = native.verifySignatureArgs;
  const code = (f) => {
    try {
      f();
      return 'ok';
    } catch (err) {
      return err.code;
    }
  };
  assert.equal(code(() => fn(handle.id, body, undefined, values[1], values[2], 1700000000)), 'missing_header');
  // Larger than any scratch buffer: read in full (then refused as malformed).
  const huge = 'v1,' + 'A'.repeat(300000);
  assert.equal(code(() => fn(handle.id, body, values[0], values[1], huge, 1700000000)), 'invalid_header');
  const hugeId = 'm'.repeat(200000);
  assert.equal(code(() => fn(handle.id, body, hugeId, values[1], values[2], 1700000000)), 'signature_mismatch');
  // Non-ASCII: UTF-8 as Buffer.from encodes it (a lone surrogate as U+FFFD).
  for (const odd of ['msg_é', 'msg_💥', 'msg_\ud800', 'msg_\udfff_x', 'é'.repeat(5000)]) {
    assert.equal(code(() => fn(handle.id, body, odd, values[1], values[2], 1700000000)), 'signature_mismatch');
  }
  // The module still verifies after all that.
  assert.equal(fn(handle.id, body, ...values, 1700000000), undefined);
});

test('non-ASCII ids are hashed as their UTF-8 bytes', { skip }, () => {
  // The core signs ids of visible ASCII only, so this builds the signature
  // with node:crypto (Standard Webhooks: HMAC of `${id}.${ts}.${body}`).
  const { createHmac } = require('node:crypto');
  const { native, handle, body } = setup();
  const key = Buffer.from(SECRET.slice('whsec_'.length), 'base64');
  for (const id of ['msg_é', 'msg_💥', 'msg_\ud800']) {
    const bytes = Buffer.concat([Buffer.from(`${id}.1700000000.`), body]);
    const sig = 'v1,' + createHmac('sha256', key).update(bytes).digest('base64');
    assert.equal(native.verifySignatureArgs(handle.id, body, id, '1700000000', sig, 1700000000), undefined, id);
  }
});
