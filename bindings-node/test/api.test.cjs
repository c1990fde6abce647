'use strict';
// Behaviour of the JavaScript API: input shapes, errors, signing, options.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const { hookseal, ROOT } = require('./helpers.cjs');

const { Webhook, WebhookVerificationError, ERROR_CODES } = hookseal;

const SECRET = 'It\'s a Secret to Everybody';
const BODY = 'Hello, World!';
// GitHub's published example (docs "Validating webhook deliveries").
const GITHUB_SIG = 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17';

function codeOf(fn) {
  try {
    fn();
  } catch (err) {
    return err.code;
  }
  return 'ok';
}

test('every payload shape verifies, without copying byte views', () => {
  const wh = new Webhook('github', SECRET);
  const headers = { 'x-hub-signature-256': GITHUB_SIG };
  const buf = Buffer.from(BODY);
  const big = Buffer.from(`xx${BODY}yy`);
  const ab = new ArrayBuffer(buf.length);
  new Uint8Array(ab).set(buf);
  for (const payload of [
    BODY,
    buf,
    new Uint8Array(buf),
    ab,
    new DataView(ab),
    big.subarray(2, 2 + BODY.length),
    new DataView(big.buffer, big.byteOffset + 2, BODY.length),
  ]) {
    wh.verifySignature(payload, headers);
  }
});

test('a parsed object as payload is a TypeError that says how to get the raw body', () => {
  const wh = new Webhook('github', SECRET);
  for (const bad of [{ hello: 'world' }, [1, 2], 42, null, undefined]) {
    let err;
    try {
      wh.verify(bad, { 'x-hub-signature-256': GITHUB_SIG });
    } catch (e) {
      err = e;
    }
    assert.ok(err instanceof TypeError, String(bad));
    assert.equal(err.code, 'invalid_argument');
    assert.match(err.message, /express\.raw\(\)|express\.raw\(/);
    assert.match(err.message, /await request\.text\(\)/);
  }
});

test('every header shape is read, names case-insensitively', () => {
  const wh = new Webhook('github', SECRET);
  const shapes = [
    { 'x-hub-signature-256': GITHUB_SIG },
    { 'X-Hub-Signature-256': GITHUB_SIG },
    { 'x-hub-signature-256': [GITHUB_SIG, 'sha256=00'] },
    new Headers({ 'X-Hub-Signature-256': GITHUB_SIG }),
    new Map([['X-HUB-SIGNATURE-256', GITHUB_SIG]]),
    [['X-Hub-Signature-256', GITHUB_SIG]],
    ['Content-Type', 'application/json', 'X-Hub-Signature-256', GITHUB_SIG], // req.rawHeaders
    new Map([['x-hub-signature-256', GITHUB_SIG]]).entries(),
  ];
  for (const headers of shapes) wh.verifySignature(BODY, headers);
  assert.equal(codeOf(() => wh.verifySignature(BODY, {})), 'missing_header');
  assert.equal(codeOf(() => wh.verifySignature(BODY, null)), 'invalid_argument');
  assert.equal(codeOf(() => wh.verifySignature(BODY, 'x-hub-signature-256')), 'invalid_argument');
});

test('errors: WebhookVerificationError with name and code; instanceof across CJS and ESM', async () => {
  const wh = new Webhook('github', SECRET);
  let err;
  try {
    wh.verifySignature(`${BODY}!`, { 'x-hub-signature-256': GITHUB_SIG });
  } catch (e) {
    err = e;
  }
  assert.ok(err instanceof WebhookVerificationError);
  assert.ok(err instanceof Error);
  assert.equal(err.name, 'WebhookVerificationError');
  assert.equal(err.code, 'signature_mismatch');
  assert.match(String(err), /^WebhookVerificationError: /);
  const esm = await import('../js/index.mjs');
  assert.ok(err instanceof esm.WebhookVerificationError);
  assert.equal(esm.Webhook, Webhook);
  const sw = await import('../js/standardwebhooks.mjs');
  assert.equal(sw.WebhookVerificationError, WebhookVerificationError);
  assert.equal(ERROR_CODES.length, 11);
});

test('secrets: rotation, bytes, bad types and empty secrets', () => {
  const rotated = new Webhook('github', ['new-secret', SECRET]);
  rotated.verifySignature(BODY, { 'x-hub-signature-256': GITHUB_SIG });
  new Webhook('github', Buffer.from(SECRET)).verifySignature(BODY, { 'x-hub-signature-256': GITHUB_SIG });
  assert.equal(codeOf(() => new Webhook('github', '')), 'invalid_secret');
  assert.equal(codeOf(() => new Webhook('github', [])), 'invalid_secret');
  assert.equal(codeOf(() => new Webhook('standard', 'whsec_!!!')), 'invalid_secret');
  assert.equal(codeOf(() => new Webhook('github', 42)), 'invalid_argument');
  assert.equal(codeOf(() => new Webhook('nope', 'k')), 'invalid_argument');
  assert.equal(codeOf(() => new Webhook(42, 'k')), 'invalid_argument');
  assert.equal(codeOf(() => new Webhook('github', 'k', { tolerence: 5 })), 'invalid_argument');
  assert.equal(codeOf(() => new Webhook('github', 'k', { tolerance: -1 })), 'invalid_argument');
  assert.ok(new Webhook('github', 'k', { tolerance: 5 }) instanceof Webhook);
});

test('sign fills in the time and a random id; verify takes now as a number or a Date', () => {
  const wh = new Webhook('standard', 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
  const before = Math.floor(Date.now() / 1000);
  const headers = wh.sign(BODY);
  assert.deepEqual(Object.keys(headers), ['webhook-id', 'webhook-timestamp', 'webhook-signature']);
  assert.match(headers['webhook-id'], /^msg_[0-9a-f]{24}$/);
  assert.ok(Number(headers['webhook-timestamp']) >= before);
  wh.verifySignature(BODY, headers);
  const old = wh.sign(BODY, { timestamp: 1700000000, id: 'msg_1' });
  assert.equal(codeOf(() => wh.verifySignature(BODY, old)), 'timestamp_too_old');
  wh.verifySignature(BODY, old, { now: 1700000100 });
  wh.verifySignature(BODY, old, { now: new Date(1700000100 * 1000) });
  assert.equal(codeOf(() => wh.verifySignature(BODY, old, { now: 1700000400 })), 'timestamp_too_old');
  assert.equal(codeOf(() => wh.verifySignature(BODY, old, { now: -1 })), 'invalid_argument');
  // svix-* names work as well as webhook-* names.
  const svix = Object.fromEntries(Object.entries(old).map(([k, v]) => [k.replace('webhook-', 'svix-'), v]));
  wh.verifySignature(BODY, svix, { now: 1700000000 });
});

test('verify returns the normalized event; strict refuses unknown types', () => {
  const wh = new Webhook('smartaihub', 'k');
  const body = JSON.stringify({
    id: 'evt_1',
    eventType: 'credit.low',
    userId: 'user_1',
    data: { userId: 'user_1', balance: 3, threshold: 10, lowCreditAt: '2025-01-01T00:00:00.000Z' },
    metadata: { service: 'billing', timestamp: '2025-01-01T00:00:00.000Z' },
  });
  const ev = wh.verify(body, wh.sign(body));
  assert.equal(ev.provider, 'smartaihub');
  assert.equal(ev.type, 'credit.low');
  assert.equal(ev.id, 'evt_1');
  assert.equal(ev.timestamp, 1735689600);
  assert.equal(ev.data.balance, 3);
  assert.equal(ev.inCatalog, true);
  assert.deepEqual(ev.payload, JSON.parse(body));
  const unknown = body.replace('credit.low', 'credit.brand_new');
  assert.equal(wh.verify(unknown, wh.sign(unknown)).inCatalog, false);
  const strict = new Webhook('smartaihub', 'k', { strict: true });
  assert.equal(codeOf(() => strict.verify(unknown, strict.sign(unknown))), 'unknown_event_type');
  assert.equal(codeOf(() => wh.verify('not json', wh.sign('not json'))), 'invalid_payload');
  wh.verifySignature('not json', wh.sign('not json'));
});

test('maxPayloadBytes and the replay guard', () => {
  const small = new Webhook('github', SECRET, { maxPayloadBytes: 5 });
  assert.equal(codeOf(() => small.verifySignature(BODY, { 'x-hub-signature-256': GITHUB_SIG })), 'payload_too_large');
  const guarded = new Webhook('stripe', 'whsec_k', { replayGuard: { capacity: 100, ttl: 600 } });
  const body = JSON.stringify({ id: 'evt_1', type: 'charge.succeeded', created: 1700000000, data: { object: {} } });
  const headers = guarded.sign(body);
  guarded.verify(body, headers);
  assert.equal(codeOf(() => guarded.verify(body, headers)), 'duplicate_event');
});

test('custom schemes accept camelCase and snake_case descriptions', () => {
  const body = '{"a":1}';
  const ts = 1700000000;
  const sig = crypto.createHmac('sha256', 'k').update(`${ts}.${body}`).digest('hex');
  const headers = { 'x-acme-signature': `sha256=${sig}`, 'x-acme-timestamp': String(ts) };
  for (const scheme of [
    { signatureHeader: 'X-Acme-Signature', prefix: 'sha256=', timestampHeader: 'X-Acme-Timestamp', template: '{timestamp}.{body}' },
    { signature_header: 'X-Acme-Signature', prefix: 'sha256=', timestamp_header: 'X-Acme-Timestamp', template: '{timestamp}.{body}' },
  ]) {
    const wh = new Webhook(scheme, 'k');
    assert.equal(wh.scheme, 'custom');
    wh.verifySignature(body, headers, { now: ts });
    assert.deepEqual(wh.sign(body, { timestamp: ts }), { 'X-Acme-Timestamp': String(ts), 'X-Acme-Signature': `sha256=${sig}` });
  }
  assert.equal(codeOf(() => new Webhook({ signatureHeader: 'X', template: 'no body' }, 'k')), 'invalid_argument');
  assert.equal(codeOf(() => new Webhook({ prefix: 'x' }, 'k')), 'invalid_argument');
});

test('the header names a scheme reads cover its catalog envelope headers', () => {
  for (const file of fs.readdirSync(path.join(ROOT, 'core', 'catalogs'))) {
    const catalog = JSON.parse(fs.readFileSync(path.join(ROOT, 'core', 'catalogs', file), 'utf8'));
    const secret = catalog.provider === 'standard' ? 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' : 'k';
    const names = new Webhook(catalog.provider, secret).headerNames;
    for (const source of Object.values(catalog.envelope)) {
      if (source && typeof source.header === 'string') {
        assert.ok(names.includes(source.header.toLowerCase()), `${catalog.provider}: ${source.header}`);
      }
    }
  }
});

test('an alias is read only when the header it stands in for is absent or blank', () => {
  const wh = new Webhook('standard', 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
  const signed = wh.sign(BODY, { id: 'msg_a', timestamp: 1700000000 });
  const svix = Object.fromEntries(Object.entries(signed).map(([k, v]) => [k.replace('webhook-', 'svix-'), v]));
  const opts = { now: 1700000000 };
  wh.verifySignature(BODY, svix, opts);
  wh.verifySignature(BODY, { ...svix, 'webhook-id': ' \t', 'webhook-signature': '' }, opts); // blank: the alias
  // present and not blank: the header itself, whatever its alias says
  wh.verifySignature(BODY, { ...signed, 'svix-id': 'msg_other', 'svix-signature': 'v1,AAAA' }, opts);
  assert.equal(codeOf(() => wh.verifySignature(BODY, { ...svix, 'webhook-id': 'msg_other' }, opts)), 'signature_mismatch');
  assert.equal(wh.verify(`{"type":"x","data":{}}`, wh.sign(`{"type":"x","data":{}}`, { id: 'msg_b' })).id, 'msg_b');
});

test('verify reads the catalog envelope headers, which verifySignature does not need', () => {
  const wh = new Webhook('github', SECRET);
  const body = '{"action":"opened"}';
  const headers = { ...wh.sign(body), 'x-github-event': 'issues', 'x-github-delivery': 'd-1' };
  wh.verifySignature(body, headers);
  wh.verifySignature(body, wh.sign(body));
  const event = wh.verify(body, headers);
  assert.equal(event.type, 'issues');
  assert.equal(event.id, 'd-1');
});

test('header values and bodies of every length and alphabet reach the core intact', () => {
  // Non-ASCII values take the native backend's UTF-16-to-UTF-8 path
  // (src/direct.rs); bodies of every size are read in place.
  // sign refuses ids outside visible ASCII (docs/SEMANTICS.md, Signing), so
  // the non-ASCII ids' deliveries are signed here, as another sender would.
  const wh = new Webhook({ signatureHeader: 'X-Sig', idHeader: 'X-Id', timestampHeader: 'X-Ts', template: '{id}|{timestamp}|{body}' }, SECRET);
  for (const id of ['msg_1', 'msg_é', '€uro', 'a😀b', 'x'.repeat(5000), 'é'.repeat(3000)]) {
    const ascii = /^[\x21-\x7e]+$/.test(id);
    if (!ascii) assert.equal(codeOf(() => wh.sign('{}', { id, timestamp: 1700000000 })), 'invalid_argument', id);
    for (const size of [0, 1, 4095, 4096, 4097, 70000]) {
      const body = Buffer.alloc(size, 0x61 + (size % 7));
      const headers = ascii
        ? wh.sign(body, { id, timestamp: 1700000000 })
        : {
            'X-Sig': crypto.createHmac('sha256', SECRET).update(`${id}|1700000000|`).update(body).digest('hex'),
            'X-Id': id,
            'X-Ts': '1700000000',
          };
      wh.verifySignature(body, headers, { now: 1700000000 });
      wh.verifySignature(body.toString('latin1'), headers, { now: 1700000000 });
      const forged = Buffer.from(body);
      if (size > 0) forged[size - 1] ^= 1;
      else forged.fill(0);
      if (size > 0) assert.equal(codeOf(() => wh.verifySignature(forged, headers, { now: 1700000000 })), 'signature_mismatch');
      assert.equal(codeOf(() => wh.verifySignature(body, { ...headers, 'X-Id': `${id}!` }, { now: 1700000000 })), 'signature_mismatch');
    }
  }
});

test('package.json and Cargo agree on the version', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8'));
  const cargo = fs.readFileSync(path.join(ROOT, 'Cargo.toml'), 'utf8');
  const version = /\[workspace\.package\][^[]*?version\s*=\s*"([^"]+)"/.exec(cargo)[1];
  assert.equal(pkg.version, version);
});

test('worker threads each verify with their own state', async () => {
  const { Worker } = require('node:worker_threads');
  const source = `
    const { parentPort } = require('node:worker_threads');
    const { Webhook } = require(${JSON.stringify(require.resolve('../js/index.cjs'))});
    const wh = new Webhook('github', ${JSON.stringify(SECRET)});
    let ok = 0;
    for (let i = 0; i < 2000; i++) { wh.verifySignature(${JSON.stringify(BODY)}, { 'x-hub-signature-256': ${JSON.stringify(GITHUB_SIG)} }); ok++; }
    parentPort.postMessage(ok);
  `;
  const runs = [0, 1, 2].map(
    () =>
      new Promise((resolve, reject) => {
        const w = new Worker(source, { eval: true });
        w.once('message', resolve);
        w.once('error', reject);
      }),
  );
  const wh = new Webhook('github', SECRET);
  for (let i = 0; i < 2000; i++) wh.verifySignature(BODY, { 'x-hub-signature-256': GITHUB_SIG });
  assert.deepEqual(await Promise.all(runs), [2000, 2000, 2000]);
});

test('webhooks that are no longer referenced are freed, and ids are reused safely', { skip: typeof global.gc !== 'function' && 'run with --expose-gc' }, async () => {
  for (let i = 0; i < 1000; i++) new Webhook('github', `secret-${i}`);
  global.gc();
  await new Promise((r) => setTimeout(r, 50));
  global.gc();
  const wh = new Webhook('github', SECRET);
  wh.verifySignature(BODY, { 'x-hub-signature-256': GITHUB_SIG });
});
