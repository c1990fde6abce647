'use strict';
// Every case of every file in tests/vectors/, through the npm package's API.
const test = require('node:test');
const assert = require('node:assert/strict');
const { hookseal, vectorFiles, bodyOf, optionsOf } = require('./helpers.cjs');

const { Webhook, WebhookVerificationError } = hookseal;

// The vector files only grow; a drop below this means cases went missing.
const MINIMUM_CASES = 1700;

function attempt(fn) {
  try {
    return { ok: true, value: fn() };
  } catch (err) {
    return { ok: false, err };
  }
}

function expectOutcome(c, outcome) {
  if (c.expect.ok) {
    assert.ok(outcome.ok, `${c.id}: expected ok, got ${outcome.err && outcome.err.code}: ${outcome.err && outcome.err.message}`);
    return;
  }
  assert.ok(!outcome.ok, `${c.id}: expected ${c.expect.error}, got ok`);
  const err = outcome.err;
  assert.equal(err.code, c.expect.error, `${c.id}: ${err.message}`);
  if (err.code === 'invalid_argument') assert.ok(err instanceof TypeError, `${c.id}: invalid_argument must be a TypeError`);
  else assert.ok(err instanceof WebhookVerificationError, `${c.id}: ${err}`);
}

function toObjectHeaders(pairs) {
  const names = pairs.map(([n]) => n.toLowerCase());
  if (new Set(names).size !== names.length) return null; // duplicates do not fit an object
  return Object.fromEntries(pairs.map(([n, v]) => [n.toLowerCase(), v]));
}

function runCase(c) {
  const build = attempt(() => new Webhook(c.scheme, c.secrets, optionsOf(c)));
  if (c.op === 'sign') {
    assert.ok(build.ok, `${c.id}: ${build.err && build.err.message}`);
    const signed = attempt(() => build.value.sign(bodyOf(c), { timestamp: c.timestamp ?? undefined, id: c.msg_id ?? undefined }));
    if (c.expect && c.expect.error) return expectOutcome(c, signed);
    assert.ok(signed.ok, `${c.id}: ${signed.err && signed.err.message}`);
    assert.deepEqual(Object.entries(signed.value), c.expect_headers, c.id);
    return;
  }
  if (!build.ok) return expectOutcome(c, build);
  const wh = build.value;
  const body = bodyOf(c);
  const opts = { now: c.now ?? undefined };
  const call = c.mode === 'event' ? (h) => wh.verify(body, h, opts) : (h) => wh.verifySignature(body, h, opts);
  const outcome = attempt(() => call(c.headers));
  expectOutcome(c, outcome);
  if (c.mode === 'event' && c.expect.ok && c.event) {
    const ev = outcome.value;
    for (const [key, want] of Object.entries(c.event)) {
      const got = key === 'in_catalog' ? ev.inCatalog : ev[key];
      assert.deepEqual(got, want, `${c.id}: event.${key}`);
    }
    let parsed;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      parsed = undefined; // e.g. Slack's form-encoded `payload=…`
    }
    if (parsed !== undefined) assert.deepEqual(ev.payload, parsed, `${c.id}: event.payload`);
  }
  // The same delivery with Node-style headers (an IncomingHttpHeaders object).
  const obj = toObjectHeaders(c.headers);
  if (obj) {
    const again = attempt(() => call(obj));
    assert.equal(again.ok, outcome.ok, `${c.id}: object headers`);
    if (!again.ok) assert.equal(again.err.code, outcome.err.code, `${c.id}: object headers`);
  }
}

const files = vectorFiles();
let total = 0;
for (const f of files) {
  total += f.cases.length;
  test(`vectors/${f.file} (${f.cases.length} cases)`, () => {
    let ran = 0;
    for (const c of f.cases) {
      runCase(c);
      ran++;
    }
    assert.equal(ran, f.cases.length);
  });
}

test(`every vector ran (${total} cases in ${files.length} files)`, () => {
  assert.ok(files.some((f) => f.file.startsWith('events_')), 'event vectors present');
  assert.ok(files.some((f) => f.cases.some((c) => c.op === 'sign')), 'sign vectors present');
  assert.ok(total >= MINIMUM_CASES, `only ${total} cases, expected at least ${MINIMUM_CASES}`);
});
