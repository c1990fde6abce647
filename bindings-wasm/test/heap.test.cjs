'use strict';
// The WebAssembly build's own allocator (bindings-wasm/src/heap.rs) reuses
// freed blocks: a long run of verifications, signings, refusals and replay-guard
// entries leaves the instance's memory where the first thousand left it.
//   node --test test/heap.test.cjs   (after `make build-wasm`)
const test = require('node:test');
const assert = require('node:assert/strict');

const { api: { Webhook }, instances } = require('./wasm-instances.cjs');

const github = new Webhook('github', 'secret');
const guarded = new Webhook('stripe', 'whsec_k', { replayGuard: { capacity: 1000, ttl: 600 } });

function run(n, round) {
  const body = JSON.stringify({ id: 'evt', type: 'charge.succeeded', created: 1700000000, data: { object: {} } });
  const signed = github.sign(body);
  const bad = { 'x-hub-signature-256': `sha256=${'0'.repeat(64)}` };
  for (let i = 0; i < n; i++) {
    github.verifySignature(body, signed);
    github.verify(body, { ...signed, 'x-github-event': 'ping', 'x-github-delivery': `d${i}` });
    assert.throws(() => github.verifySignature(body, bad), { code: 'signature_mismatch' });
    assert.throws(() => github.verifySignature(body, {}), { code: 'missing_header' });
    const b = body.replace('evt', `evt_${round}_${i}`);
    const h = guarded.sign(b);
    guarded.verify(b, h);
    assert.throws(() => guarded.verify(b, h), { code: 'duplicate_event' });
    github.verifySignature(Buffer.alloc(1 + (i % 5000)), github.sign(Buffer.alloc(1 + (i % 5000))));
  }
}

test('memory stays flat over 100 000 rounds of verify/sign/refuse', () => {
  run(2000, 'warm');
  assert.ok(instances.length >= 1, 'the glue instantiated no module');
  const before = instances.map((i) => i.exports.memory.buffer.byteLength);
  run(100_000, 'long');
  const after = instances.map((i) => i.exports.memory.buffer.byteLength);
  assert.deepEqual(after, before);
});
