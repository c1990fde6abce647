// Signed and forged deliveries, made in Node with node:crypto (an oracle
// independent of hookseal), and the outcome each one must have.
import { createHmac, createPrivateKey, randomUUID, sign } from 'node:crypto';
import { STANDARD_SECRET, GITHUB_SECRET, ED25519_SEED_HEX } from './keys.mjs';

const standardKey = Buffer.from(STANDARD_SECRET.slice('whsec_'.length), 'base64');
const edKey = createPrivateKey({
  key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), Buffer.from(ED25519_SEED_HEX, 'hex')]),
  format: 'der',
  type: 'pkcs8',
});

function standard(body, { secret = standardKey, ts, id = `msg_${randomUUID()}`, ed25519 = false } = {}) {
  const content = `${id}.${ts}.${body}`;
  const sig = ed25519
    ? `v1a,${sign(null, Buffer.from(content), edKey).toString('base64')}`
    : `v1,${createHmac('sha256', secret).update(content).digest('base64')}`;
  return { 'webhook-id': id, 'webhook-timestamp': String(ts), 'webhook-signature': sig, 'content-type': 'application/json' };
}

function github(body, secret = GITHUB_SECRET) {
  return {
    'x-hub-signature-256': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`,
    'x-github-event': 'push',
    'x-github-delivery': randomUUID(),
    'content-type': 'application/json',
  };
}

/** The deliveries every runtime must judge alike. `ed25519`: include the v1a route. */
export function deliveries({ ed25519 = true } = {}) {
  const now = Math.floor(Date.now() / 1000);
  const event = JSON.stringify({ type: 'user.created', timestamp: new Date().toISOString(), data: { id: 'user_1', name: 'Zoë' } });
  const push = JSON.stringify({ ref: 'refs/heads/main', after: 'abc', repository: { full_name: 'o/r' } });
  const big = JSON.stringify({ type: 'blob.stored', data: { blob: 'x'.repeat(200_000) } });
  const list = [
    { name: 'standard: valid', path: '/standard', body: event, headers: standard(event, { ts: now }), expect: { status: 200, type: 'user.created' } },
    { name: 'standard: valid, 200 kB', path: '/standard', body: big, headers: standard(big, { ts: now }), expect: { status: 200, type: 'blob.stored' } },
    { name: 'standard: forged (wrong secret)', path: '/standard', body: event, headers: standard(event, { ts: now, secret: Buffer.from('not the secret') }), expect: { status: 401, code: 'signature_mismatch' } },
    { name: 'standard: tampered body', path: '/standard', body: event.replace('user_1', 'user_2'), headers: standard(event, { ts: now }), expect: { status: 401, code: 'signature_mismatch' } },
    { name: 'standard: replay from an hour ago', path: '/standard', body: event, headers: standard(event, { ts: now - 3600 }), expect: { status: 401, code: 'timestamp_too_old' } },
    { name: 'standard: no signature header', path: '/standard', body: event, headers: { 'webhook-id': 'msg_1', 'webhook-timestamp': String(now) }, expect: { status: 401, code: 'missing_header' } },
    { name: 'github: valid', path: '/github', body: push, headers: github(push), expect: { status: 200, type: 'push' } },
    { name: 'github: forged', path: '/github', body: push, headers: github(push, 'guessed'), expect: { status: 401, code: 'signature_mismatch' } },
  ];
  if (ed25519) {
    list.push(
      { name: 'ed25519: valid v1a', path: '/ed25519', body: event, headers: standard(event, { ts: now, ed25519: true }), expect: { status: 200, type: 'user.created' } },
      { name: 'ed25519: v1a over another body', path: '/ed25519', body: event.replace('Zoë', 'Eve'), headers: standard(event, { ts: now, ed25519: true }), expect: { status: 401, code: 'signature_mismatch' } },
    );
  }
  return list;
}

/** Posts every delivery to `base` over loopback; returns [delivery, status, json] triples. */
export async function sendAll(base, list = deliveries()) {
  const out = [];
  for (const d of list) {
    const res = await fetch(new URL(`${base.replace(/\/$/, '')}${d.path}`), { method: 'POST', body: d.body, headers: d.headers });
    const text = await res.text();
    let json;
    try {
      json = JSON.parse(text);
    } catch {
      json = { unparsed: text.slice(0, 500) };
    }
    out.push([d, res.status, json]);
  }
  return out;
}

/** Asserts each outcome; returns a one-line summary. */
export function check(assert, results, backend = 'wasm') {
  for (const [d, status, json] of results) {
    assert.equal(status, d.expect.status, `${d.name}: status ${status}, ${JSON.stringify(json).slice(0, 400)}`);
    if (d.expect.type) {
      assert.equal(json.type, d.expect.type, d.name);
      if (backend) assert.equal(json.backend, backend, `${d.name}: backend`);
    } else assert.equal(json.code, d.expect.code, d.name);
  }
  const ok = results.filter(([d]) => d.expect.status === 200).length;
  return `${ok} valid deliveries accepted, ${results.length - ok} forged or stale refused`;
}
