'use strict';
// RSS of a Node process over N verifications (issue 9): mixed valid, forged
// and malformed deliveries through the native binding, plus a new Webhook
// built, used and dropped every 1 000 iterations. RSS is sampled every N/10
// (100 000) after a full GC (so JS garbage waiting for collection is not counted); the
// run fails if RSS grows by more than HOOKSEAL_RSS_LIMIT_MB (default 4) after
// the first 2N/10 (200 000; warm-up: JIT, allocator arenas, the replay of caches).
//   node --expose-gc hardening/leaks/rss_node.cjs [iterations]
const fs = require('node:fs');
const path = require('node:path');
const { Webhook } = require('../../bindings-node/js/index.cjs');

const N = Number(process.argv[2] || 1_000_000);
const STEP = Math.max(1, Math.floor(N / 10)); // 100 000 for a million
// The first 200 000 of a million; HOOKSEAL_RSS_WARMUP (iterations, rounded up
// to a sample) for short runs, where 2/10 is too short for V8's heap to settle.
const WARM = process.env.HOOKSEAL_RSS_WARMUP
  ? Math.min(N, Math.ceil(Number(process.env.HOOKSEAL_RSS_WARMUP) / STEP) * STEP)
  : 2 * STEP;
const LIMIT = Number(process.env.HOOKSEAL_RSS_LIMIT_MB || 4);
if (typeof global.gc !== 'function') throw new Error('run with --expose-gc');

// A delivery the conformance vectors say verifies as an event.
const events = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'tests', 'vectors', 'events_other.json'), 'utf8'));
const c = events.cases.find((x) => x.mode === 'event' && x.expect.ok && x.scheme === 'stripe' && x.body !== undefined);
if (!c) throw new Error('no stripe event vector');
const body = Buffer.from(c.body, 'utf8');
const headers = Object.fromEntries(c.headers.map(([k, v]) => [k.toLowerCase(), v]));
const opts = { now: c.now };
const forged = Buffer.from(body);
forged[forged.length - 2] ^= 1;
const malformed = Object.fromEntries(Object.keys(headers).map((k) => [k, 't=1,v1=zz']));
const huge = { 'stripe-signature': `t=${c.now},` + 'v1=00,'.repeat(700) };
const notJsonHeaders = new Webhook(c.scheme, c.secrets).sign(Buffer.from('not json'), { timestamp: c.now });

let wh = new Webhook(c.scheme, c.secrets);
const counts = {};
const want = { ok: 0 };
const note = (k) => { counts[k] = (counts[k] || 0) + 1; };
function attempt(f) {
  try { f(); note('ok'); } catch (e) {
    if (typeof e.code !== 'string') throw e; // a code, never a crash or a foreign error
    note(e.code);
  }
}
const rss = () => process.memoryUsage().rss;
const series = [];
const t0 = Date.now();
// napi runs the finalizers of collected Webhooks after the current task, so
// the loop yields to the event loop before each sample.
const settle = () => new Promise((resolve) => setImmediate(resolve));
(async () => {
for (let i = 1; i <= N; i++) {
  switch (i % 8) {
    case 0: attempt(() => wh.verify(body, headers, opts)); want.ok++; break;
    case 1: attempt(() => wh.verifySignature(body, headers, opts)); want.ok++; break;
    case 2: attempt(() => wh.verify(forged, headers, opts)); break;
    case 3: attempt(() => wh.verifySignature(body, malformed, opts)); break;
    case 4: attempt(() => wh.verify(body, {}, opts)); break;
    case 5: attempt(() => wh.verify(Buffer.from('not json'), notJsonHeaders, opts)); break;
    case 6: attempt(() => wh.verifySignature(body, huge, opts)); break;
    case 7:
      if (i % 1000 === 7) {
        wh = new Webhook(c.scheme, c.secrets);
        attempt(() => wh.sign(body, { timestamp: c.now, id: 'msg_1' }));
      } else {
        attempt(() => wh.verifySignature(forged, headers, opts));
      }
      break;
  }
  if (i % STEP === 0) {
    global.gc();
    await settle();
    global.gc();
    series.push([i, rss()]);
  }
}
const mb = (b) => (b / 1048576).toFixed(1);
console.log(`node ${process.version}: ${N} iterations in ${((Date.now() - t0) / 1000).toFixed(1)} s; outcomes ${JSON.stringify(counts)}`);
console.log(`RSS (MB) every ${STEP / 1000}k: ` + series.map(([i, r]) => `${i / 1000}k=${mb(r)}`).join(' '));
const base = series.find(([i]) => i === Math.min(WARM, N));
const peak = Math.max(...series.filter(([i]) => i >= base[0]).map(([, r]) => r));
const growth = peak - base[1];
console.log(`growth after ${base[0] / 1000}k: ${mb(growth)} MB (limit ${LIMIT} MB)`);
const wantOk = want.ok + Math.floor((N + 993) / 1000); // + the signs of new Webhooks
if (counts.ok !== wantOk) { console.error(`FAIL: ${counts.ok} successes, expected ${wantOk}`); process.exit(1); }
if (growth > LIMIT * 1048576) { console.error('FAIL: RSS grows'); process.exit(1); }
console.log('PASS');
})().catch((e) => { console.error(e); process.exit(1); });
