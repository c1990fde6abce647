'use strict';
// hookseal/standardwebhooks against the real `standardwebhooks` and `svix`
// packages (same inputs, same outcome), and hookseal/costkatana against the
// seed SDK's documented behaviour.
const test = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
require('./helpers.cjs'); // picks the backend
const drop = require('../js/standardwebhooks.cjs');
const reference = require('standardwebhooks');
const svix = require('svix');
const { verifyWebhookSignature } = require('../js/costkatana.cjs');
const { WebhookVerificationError } = require('../js/index.cjs');

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const PAYLOAD = '{"test": 2432232314}';

function outcome(fn) {
  try {
    return { ok: true, value: fn() };
  } catch (err) {
    return { ok: false, name: err.name, message: err.message };
  }
}

function deliveries() {
  const ref = new reference.Webhook(SECRET);
  const now = new Date();
  const ts = String(Math.floor(now.getTime() / 1000));
  const sig = ref.sign('msg_p5jXN8AQM9LWM0D4loKWxJek', now, PAYLOAD);
  const good = { 'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek', 'webhook-timestamp': ts, 'webhook-signature': sig };
  const oldTs = String(Math.floor(Date.now() / 1000) - 600);
  const old = { ...good, 'webhook-timestamp': oldTs, 'webhook-signature': ref.sign(good['webhook-id'], new Date(oldTs * 1000), PAYLOAD) };
  const newTs = String(Math.floor(Date.now() / 1000) + 600);
  const future = { ...good, 'webhook-timestamp': newTs, 'webhook-signature': ref.sign(good['webhook-id'], new Date(newTs * 1000), PAYLOAD) };
  return [
    ['valid', PAYLOAD, good],
    ['valid, Buffer payload', Buffer.from(PAYLOAD), good],
    ['valid, upper-case header names', PAYLOAD, Object.fromEntries(Object.entries(good).map(([k, v]) => [k.toUpperCase(), v]))],
    ['several signatures, one valid', PAYLOAD, { ...good, 'webhook-signature': `v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= ${sig}` }],
    ['tampered payload', `${PAYLOAD} `, good],
    ['wrong signature', PAYLOAD, { ...good, 'webhook-signature': 'v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=' }],
    ['missing id', PAYLOAD, { 'webhook-timestamp': ts, 'webhook-signature': sig }],
    ['missing timestamp', PAYLOAD, { 'webhook-id': good['webhook-id'], 'webhook-signature': sig }],
    ['missing signature', PAYLOAD, { 'webhook-id': good['webhook-id'], 'webhook-timestamp': ts }],
    ['old timestamp', PAYLOAD, old],
    ['future timestamp', PAYLOAD, future],
    ['empty payload', '', { ...good, 'webhook-signature': ref.sign(good['webhook-id'], now, '') }],
  ];
}

test('hookseal/standardwebhooks gives the outcomes of the standardwebhooks package', () => {
  const ours = new drop.Webhook(SECRET);
  const ref = new reference.Webhook(SECRET);
  for (const [name, payload, headers] of deliveries()) {
    const a = outcome(() => ours.verify(payload, headers));
    const b = outcome(() => ref.verify(payload, headers));
    assert.deepEqual(a, b, name);
  }
  const at = new Date(1614265330 * 1000);
  assert.equal(ours.sign('msg_p5jXN8AQM9LWM0D4loKWxJek', at, PAYLOAD), ref.sign('msg_p5jXN8AQM9LWM0D4loKWxJek', at, PAYLOAD));
  assert.equal(ours.sign('msg_p5jXN8AQM9LWM0D4loKWxJek', at, PAYLOAD), 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  assert.equal(drop.Webhook.prefix, 'whsec_');
});

test('hookseal/standardwebhooks: jsonParse, raw keys, bare base64, bad secrets, error class', () => {
  const [, , good] = deliveries()[0];
  const ours = new drop.Webhook(SECRET);
  assert.equal(ours.verify(PAYLOAD, good, { jsonParse: false }), undefined);
  const raw = Buffer.from(SECRET.slice(6), 'base64');
  for (const key of [raw, new Uint8Array(raw), raw.toString('latin1')]) {
    assert.deepEqual(new drop.Webhook(key, { format: 'raw' }).verify(PAYLOAD, good), { test: 2432232314 });
    assert.deepEqual(new reference.Webhook(key, { format: 'raw' }).verify(PAYLOAD, good), { test: 2432232314 });
  }
  assert.deepEqual(new drop.Webhook(SECRET.slice(6)).verify(PAYLOAD, good), { test: 2432232314 });
  assert.throws(() => new drop.Webhook(42), /Expected secret to be of type string/);
  assert.throws(() => new drop.Webhook('whsec_'), /Secret can't be empty/);
  assert.throws(() => new reference.Webhook('whsec_'), /Secret can't be empty/);
  let err;
  try {
    ours.verify(`${PAYLOAD}x`, good);
  } catch (e) {
    err = e;
  }
  assert.ok(err instanceof drop.WebhookVerificationError);
  assert.ok(err instanceof WebhookVerificationError);
  assert.equal(err.name, 'WebhookVerificationError');
  assert.equal(err.code, 'signature_mismatch');
});

test('hookseal/standardwebhooks accepts svix-* headers as svix does', () => {
  const [, , good] = deliveries()[0];
  const svixHeaders = Object.fromEntries(Object.entries(good).map(([k, v]) => [k.replace('webhook-', 'svix-'), v]));
  const ours = new drop.Webhook(SECRET);
  assert.deepEqual(ours.verify(PAYLOAD, svixHeaders), new svix.Webhook(SECRET).verify(PAYLOAD, svixHeaders));
  assert.deepEqual(outcome(() => ours.verify(`${PAYLOAD} `, svixHeaders)), outcome(() => new svix.Webhook(SECRET).verify(`${PAYLOAD} `, svixHeaders)));
});

test('hookseal/costkatana: the seed SDK call, verified correctly', () => {
  const secret = 'whsec_costkatana_example';
  const payload = JSON.stringify({ event_id: 'evt_123', event_type: 'cost.alert' });
  const now = Math.floor(Date.now() / 1000);
  const hmac = (ts, body = payload, key = secret) => crypto.createHmac('sha256', key).update(`${ts}.${body}`).digest('hex');
  // Seed 000: `sha256=<hex>` with the timestamp header.
  assert.equal(verifyWebhookSignature(payload, String(now), `sha256=${hmac(now)}`, secret), true);
  assert.equal(verifyWebhookSignature(Buffer.from(payload), now, `sha256=${hmac(now)}`, secret), true);
  // Seed 001: `t=<ts>,v1=<hex>`.
  assert.equal(verifyWebhookSignature(payload, null, `t=${now},v1=${hmac(now)}`, secret), true);
  // What the seed's `===` check would get wrong or miss.
  assert.equal(verifyWebhookSignature(payload, String(now), `sha256=${hmac(now).toUpperCase()}`, secret), true);
  assert.equal(verifyWebhookSignature(payload, String(now), `sha256=${hmac(now).slice(0, 32)}`, secret), false);
  assert.equal(verifyWebhookSignature(payload, String(now - 301), `sha256=${hmac(now - 301)}`, secret), false);
  assert.equal(verifyWebhookSignature(payload, String(now), `sha256=${hmac(now, payload, 'other')}`, secret), false);
  assert.equal(verifyWebhookSignature(`${payload} `, String(now), `sha256=${hmac(now)}`, secret), false);
  assert.equal(verifyWebhookSignature(payload, undefined, `sha256=${hmac(now)}`, secret), false);
  assert.equal(verifyWebhookSignature(payload, String(now), undefined, secret), false);
  assert.equal(verifyWebhookSignature(payload, String(now), `sha256=${hmac(now)}`, ''), false);
  assert.throws(() => verifyWebhookSignature(JSON.parse(payload), String(now), `sha256=${hmac(now)}`, secret), (err) => err instanceof TypeError && err.code === 'invalid_argument');
});
