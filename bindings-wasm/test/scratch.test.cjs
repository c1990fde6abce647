'use strict';
// The WebAssembly backend writes each delivery straight into a scratch area
// inside the instance's memory (src/scratch.rs, js/wasm-backend.cjs): header
// value lengths, the values' UTF-8, the body. These check what that path must
// get right: bodies larger than the area's first 16 KiB (the area grows, and
// growing it grows memory), non-ASCII and lone-surrogate header values, and
// views of memory left detached by growth in other calls.
//   node --test test/scratch.test.cjs   (after `make build-wasm`)
const test = require('node:test');
const assert = require('node:assert/strict');
const { createHmac } = require('node:crypto');

const { api: { Webhook, backend }, instances } = require('./wasm-instances.cjs');

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const KEY = Buffer.from(SECRET.slice(6), 'base64');
const now = 1_700_000_000;

/** A Standard Webhooks delivery signed by node:crypto (not by hookseal). */
function delivery(body, id = 'msg_1', ts = String(now)) {
  const sig = createHmac('sha256', KEY).update(Buffer.concat([Buffer.from(`${id}.${ts}.`), Buffer.from(body)])).digest('base64');
  return { 'webhook-id': id, 'webhook-timestamp': ts, 'webhook-signature': `v1,${sig}` };
}

const memoryBytes = () => instances.map((i) => i.exports.memory.buffer.byteLength).reduce((a, b) => a + b, 0);

test('runs on the wasm backend', () => {
  assert.equal(backend, 'wasm');
});

test('bodies from empty to several MiB verify, larger than the scratch area was', () => {
  const wh = new Webhook('standard', SECRET);
  for (const size of [0, 1, 1024, 16 * 1024 - 200, 16 * 1024, 16 * 1024 + 1, 100_000, 1 << 20, 3 * (1 << 20) + 7]) {
    const body = Buffer.alloc(size, 0x61 + (size % 26));
    const headers = delivery(body);
    const before = memoryBytes();
    assert.doesNotThrow(() => wh.verifySignature(body, headers, { now }), `verifySignature, ${size} bytes`);
    assert.ok(memoryBytes() >= before);
    // The same bytes, one changed: refused, so the whole body was hashed.
    if (size > 0) {
      const forged = Buffer.from(body);
      forged[size - 1] ^= 1;
      assert.throws(() => wh.verifySignature(forged, headers, { now }), { code: 'signature_mismatch' }, `${size} bytes`);
    }
  }
});

test('verify returns the event of a large JSON body (the area grows in the call)', () => {
  const wh = new Webhook('standard', SECRET);
  const big = JSON.stringify({ type: 'big.event', data: { items: Array.from({ length: 20_000 }, (_, i) => ({ i, s: `é${i}` })) } });
  assert.ok(Buffer.byteLength(big) > 256 * 1024);
  const event = wh.verify(big, delivery(big), { now });
  assert.equal(event.type, 'big.event');
  assert.equal(event.data.items.length, 20_000);
  assert.equal(event.data.items[19_999].s, 'é19999');
  // Small again afterwards: the area keeps its size, the views are fresh.
  const small = '{"type":"small.event","data":{}}';
  assert.equal(wh.verify(small, delivery(small), { now }).type, 'small.event');
});

test('non-ASCII header values are passed as UTF-8', () => {
  const wh = new Webhook('standard', SECRET);
  const body = '{"type":"t","data":{}}';
  for (const id of ['msg_é', 'msg_ü€😀', '€', 'msg_' + 'ß'.repeat(3000), 'msg_\u{10ffff}x']) {
    assert.doesNotThrow(() => wh.verifySignature(body, delivery(body, id), { now }), id.slice(0, 20));
    assert.equal(wh.verify(body, delivery(body, id), { now }).id, id);
    // Signed over other bytes: refused.
    const other = delivery(body, `${id}x`);
    assert.throws(() => wh.verifySignature(body, { ...other, 'webhook-id': id }, { now }), { code: 'signature_mismatch' });
  }
});

test('a lone surrogate in a header value is U+FFFD, as Buffer.from makes it', () => {
  const wh = new Webhook('standard', SECRET);
  const body = '{"type":"t","data":{}}';
  const id = 'msg_\ud800_x';
  const signedOver = Buffer.from(id).toString(); // 'msg_\ufffd_x'
  const headers = delivery(body, signedOver);
  assert.doesNotThrow(() => wh.verifySignature(body, { ...headers, 'webhook-id': id }, { now }));
});

test('header aliases: a blank webhook-id gives way to svix-id', () => {
  const wh = new Webhook('standard', SECRET);
  const body = '{"type":"t","data":{}}';
  const d = delivery(body, 'msg_ä');
  const headers = { 'webhook-id': '  ', 'svix-id': 'msg_ä', 'svix-timestamp': d['webhook-timestamp'], 'webhook-signature': d['webhook-signature'] };
  assert.doesNotThrow(() => wh.verifySignature(body, headers, { now }));
  assert.throws(() => wh.verifySignature(body, { ...headers, 'svix-id': undefined }, { now }), { code: 'missing_header' });
});

test('memory grown by other calls (sign, other webhooks) leaves no stale view behind', () => {
  const a = new Webhook('standard', SECRET);
  const b = new Webhook('github', 'secret');
  const body = '{"type":"t","data":{}}';
  for (let round = 0; round < 3; round++) {
    assert.doesNotThrow(() => a.verifySignature(body, delivery(body), { now }));
    // Signing a large body allocates inside the instance and grows its memory.
    const large = Buffer.alloc((3 << 20) * (round + 1), 0x62);
    const before = memoryBytes();
    const signed = b.sign(large);
    assert.ok(memoryBytes() > before, 'signing a large body grew memory');
    assert.doesNotThrow(() => a.verifySignature(body, delivery(body), { now }));
    assert.doesNotThrow(() => b.verifySignature(large, signed));
    assert.equal(a.verify(body, delivery(body), { now }).type, 't');
  }
});

test('refusals keep their codes and messages', () => {
  const wh = new Webhook('standard', SECRET);
  const body = '{"type":"t","data":{}}';
  const headers = delivery(body);
  assert.throws(() => wh.verifySignature(body, { ...headers, 'webhook-timestamp': '12x' }, { now }), {
    code: 'invalid_header',
    message: 'the webhook-timestamp header is malformed: the timestamp must be plain decimal Unix seconds; it must be exactly as the sender wrote it',
  });
  assert.throws(() => wh.verify(body, headers, { now: now + 3600 }), { code: 'timestamp_too_old' });
  assert.throws(() => wh.verifySignature(body, {}, { now }), { code: 'missing_header' });
  // After a refusal, the next call succeeds (no refusal left over).
  assert.doesNotThrow(() => wh.verifySignature(body, headers, { now }));
  const small = new Webhook('standard', SECRET, { maxPayloadBytes: 100 });
  const long = Buffer.alloc(101, 0x61);
  assert.throws(() => small.verifySignature(long, delivery(long), { now }), { code: 'payload_too_large' });
});
