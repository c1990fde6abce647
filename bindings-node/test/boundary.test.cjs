'use strict';
// Issue 9, "no panic crosses a boundary": hostile arguments through the
// backend under test (native napi or wasm-bindgen, HOOKSEAL_BACKEND). Every
// call either returns what the contract says or throws an error whose `code`
// is one of PRODUCT.md's codes; none returns success for a refused input, and
// none crashes the process (an abort in napi or a trap in wasm would end or
// poison the whole test file, and the last test re-checks the module works).
const test = require('node:test');
const assert = require('node:assert/strict');
const { hookseal } = require('./helpers.cjs');

const { Webhook, ERROR_CODES } = hookseal;
const STD = 'whsec_' + Buffer.from('boundary-test-key-of-32-bytes!!!').toString('base64');
const NOW = 1700000000;

function outcome(fn) {
  try {
    fn();
    return 'ok';
  } catch (err) {
    assert.equal(typeof err.code, 'string', `no code: ${err && err.stack}`);
    assert.ok(ERROR_CODES.includes(err.code) || err.code === 'invalid_argument', `unknown code ${err.code}`);
    return err.code;
  }
}

test('sign refuses ids and timestamps that cannot be sent or verified', () => {
  const wh = new Webhook('standard', STD);
  for (const id of [' msg_1', 'msg_1\t', 'msg 1', 'msg_1\r\n', 'a\r\nX-Evil: 1', 'msg_\0', 'msg_\x7f', 'msg_é', 'msg_\ud800', '\u{1F600}']) {
    assert.equal(outcome(() => wh.sign('{}', { timestamp: NOW, id })), 'invalid_argument', JSON.stringify(id));
  }
  for (const timestamp of [-1, 1.5, NaN, Infinity, -Infinity, 2 ** 63, 2 ** 64, 1e300]) {
    assert.equal(outcome(() => wh.sign('{}', { timestamp, id: 'msg_1' })), 'invalid_argument', String(timestamp));
  }
  assert.equal(outcome(() => wh.sign('{}', { timestamp: Number.MAX_SAFE_INTEGER, id: 'msg_1' })), 'ok');
});

test('custom schemes that could not verify their own deliveries are refused', () => {
  for (const scheme of [
    { signatureHeader: 'X-Sig', prefix: ' sha256=' },
    { signatureHeader: 'X-Sig', prefix: 'sha256=\r\n' },
    { signatureHeader: 'X-Sig', prefix: 'a\0' },
    { signatureHeader: 'X-Sig', idHeader: 'x-sig', template: '{id}.{body}' },
    { signatureHeader: 'X-Sig', idHeader: 'X-M', timestampHeader: 'x-m' },
    { signatureHeader: 'X-\ud800' },
    { signatureHeader: '' },
    { signatureHeader: 'X-Sig', template: '{body}{body}' },
  ]) {
    assert.equal(outcome(() => new Webhook(scheme, 's')), 'invalid_argument', JSON.stringify(scheme));
  }
});

test('hostile headers, bodies and clocks give a code, never success', () => {
  const wh = new Webhook('stripe', 's');
  const good = wh.sign('{}', { timestamp: NOW });
  assert.equal(outcome(() => wh.verifySignature('{}', good, { now: NOW })), 'ok');
  const sig = good['Stripe-Signature'];
  const cases = [
    [{ 'stripe-signature': sig + '\0' }, 'invalid_header'],
    [{ 'stripe-signature': '\ud800' + sig }, null],
    [{ 'stripe-signature': 't=' + '9'.repeat(1 << 16) + ',v1=00' }, 'invalid_header'],
    [{ 'stripe-signature': `t=${NOW},` + 'v1=,'.repeat(100000) }, 'invalid_header'],
    [{ 'stripe-signature': 'x'.repeat(1 << 20) }, null],
    [{ 'stripe-signature': [] }, null],
    [{ 'stripe-signature': [sig + 'x', sig] }, null],
    [{ 'stripe-signature': 42 }, null],
    [{ 'stripe-signature': null }, 'missing_header'],
    [{}, 'missing_header'],
  ];
  for (const [headers, want] of cases) {
    const got = outcome(() => wh.verifySignature('{}', headers, { now: NOW }));
    assert.notEqual(got, 'ok', JSON.stringify(headers).slice(0, 80));
    if (want) assert.equal(got, want, JSON.stringify(headers).slice(0, 80));
  }
  for (const now of [-1, NaN, Infinity, 2 ** 64, 1.5]) {
    assert.notEqual(outcome(() => wh.verifySignature('{}', good, { now })), 'ok', String(now));
  }
  // A lone surrogate in a string body is not valid text: refused or signed as
  // its replacement, never a crash; the zero-length body is a body.
  outcome(() => wh.verifySignature('\ud800', good, { now: NOW }));
  assert.equal(outcome(() => wh.verifySignature(Buffer.alloc(0), good, { now: NOW })), 'signature_mismatch');
  assert.equal(outcome(() => wh.verify('{"a":1e400}', wh.sign('{"a":1e400}', { timestamp: NOW }), { now: NOW })), 'invalid_payload');
});

test('secrets and options at their limits', () => {
  for (const secrets of [[], [''], Array(9).fill('s'), [Buffer.alloc(0)]]) {
    assert.equal(outcome(() => new Webhook('github', secrets)), 'invalid_secret', JSON.stringify(secrets));
  }
  for (const options of [{ tolerance: -1 }, { tolerance: NaN }, { maxPayloadBytes: -1 }, { tolerance: 2 ** 70 }]) {
    assert.notEqual(outcome(() => new Webhook('github', 's', options)), 'ok', JSON.stringify(options));
  }
  assert.equal(outcome(() => new Webhook('github', 'x'.repeat(1 << 20))), 'ok');
});

test('the module still works after all of the above', () => {
  const wh = new Webhook('github', 's');
  wh.verifySignature('{}', wh.sign('{}'));
});
