// Benchmarks of the npm package against what users would otherwise pick, in
// one run: node:crypto by hand (as the seeds write it), standardwebhooks,
// svix, @octokit/webhooks-methods and Stripe's constructEvent, at 1 KiB,
// 64 KiB and 1 MiB. Every call verifies a valid delivery with the headers a
// server sees (an IncomingHttpHeaders object), checked once before timing.
//
//   node bench/run.mjs [--out bench/node.md] [--sizes 1024,65536,1048576]
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import { cpuTime } from './cputime.mjs';

const require = createRequire(import.meta.url);
const hookseal = require('../js/index.cjs');
// For the "floor" rows only (not the public API): the native backend's call
// without the JavaScript layer, see `floor` below.
const native = hookseal.backend === 'native' ? require('../native/binding.cjs') : null;
const nativeBackend = native && require('../js/backend-native.cjs');
const standardwebhooks = require('standardwebhooks');
const svix = require('svix');
const Stripe = require('stripe');

const args = process.argv.slice(2);
const arg = (name, dflt) => {
  const i = args.indexOf(name);
  return i === -1 ? dflt : args[i + 1];
};
const OUT = arg('--out', null);
const SIZES = arg('--sizes', '1024,65536,1048576').split(',').map(Number);
const { verify: octokitVerify } = await import('@octokit/webhooks-methods');

const STANDARD_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const SECRET = 'bench_secret_3f1c9a7e5d';
const STRIPE_SECRET = 'whsec_bench_stripe_secret';
const stripe = new Stripe('sk_test_bench', { telemetry: false });

/** A JSON body of exactly `size` bytes. */
function jsonBody(size) {
  const head = '{"id":"evt_bench","type":"invoice.paid","created":1700000000,"data":{"object":{"pad":"';
  const tail = '"}}}';
  return Buffer.from(head + 'a'.repeat(Math.max(0, size - head.length - tail.length)) + tail);
}

/** What a Node server's req.headers looks like around the webhook headers. */
function serverHeaders(extra) {
  return {
    host: 'hooks.example.com',
    'user-agent': 'Provider-Webhooks/1.0',
    'content-type': 'application/json',
    'content-length': '1024',
    accept: '*/*',
    'accept-encoding': 'gzip',
    'x-forwarded-for': '203.0.113.7',
    'x-forwarded-proto': 'https',
    ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [k.toLowerCase(), v])),
  };
}

// The seeds' receivers (seed 002, UniCraft; seed 000 has the same HMAC with `===`).
function verifyBySeed(payload, signature, secret) {
  const expectedSignature = createHmac('sha256', secret).update(payload).digest('hex');
  return timingSafeEqual(Buffer.from(signature), Buffer.from(expectedSignature));
}

function cases(size) {
  const body = jsonBody(size);
  const text = body.toString('utf8');
  const now = Math.floor(Date.now() / 1000);

  const standard = new hookseal.Webhook('standard', STANDARD_SECRET);
  const standardHeaders = serverHeaders(standard.sign(body, { id: 'msg_2Lc3Xq9bench', timestamp: now }));
  const swRef = new standardwebhooks.Webhook(STANDARD_SECRET);
  const svixWh = new svix.Webhook(STANDARD_SECRET);
  const svixHeaders = serverHeaders(
    Object.fromEntries(Object.entries(standard.sign(body, { id: 'msg_2Lc3Xq9bench', timestamp: now })).map(([k, v]) => [k.replace('webhook-', 'svix-'), v])),
  );

  const unicraft = new hookseal.Webhook('unicraft', SECRET);
  const unicraftHeaders = serverHeaders(unicraft.sign(body));

  const github = new hookseal.Webhook('github', SECRET);
  const githubHeaders = serverHeaders(github.sign(body));

  const stripeWh = new hookseal.Webhook('stripe', STRIPE_SECRET);
  const stripeHeaders = serverHeaders(stripeWh.sign(body, { timestamp: now }));

  // The floor of a verification through napi: the native call with the
  // header values already looked up (once, here), i.e. the core plus one
  // N-API crossing with its arguments. Not the public API; it shows what is
  // left for the JavaScript layer to save.
  const floor = (scheme, secret, headers) => {
    if (!native) return [];
    const handle = nativeBackend.createWebhook(scheme, [Buffer.from(secret)], {});
    const entries = nativeBackend.headerNames(handle, true).map((e) => e.split('|'));
    const values = hookseal.internals.headerValues(headers, entries);
    const id = handle.id;
    const fn = values.length === 3
      ? () => native.verifySignatureArgs(id, body, values[0], values[1], values[2])
      : () => native.verifySignatureArgs(id, body, ...values);
    return [[scheme, 'floor: core + one napi call (headers pre-read; not the API)', fn]];
  };

  // [group, name, fn, the hookseal row it is compared with]
  return [
    ['unicraft', 'hookseal verifySignature (Buffer body)', () => unicraft.verifySignature(body, unicraftHeaders)],
    ['unicraft', 'hookseal verifySignature (string body)', () => unicraft.verifySignature(text, unicraftHeaders)],
    ['unicraft', 'node:crypto createHmac + timingSafeEqual (seed 002)', () => verifyBySeed(body, unicraftHeaders['x-unicraft-signature'], SECRET) || fail('seed'), 'hookseal verifySignature (Buffer body)'],
    ...(size <= 4096 ? floor('unicraft', SECRET, unicraftHeaders) : []),
    ['unicraft', 'node:crypto, string body (seeds)', () => verifyBySeed(text, unicraftHeaders['x-unicraft-signature'], SECRET) || fail('seed'), 'hookseal verifySignature (string body)'],
    ['standard', 'hookseal verifySignature', () => standard.verifySignature(body, standardHeaders)],
    ['standard', 'hookseal verify (event, parsed JSON)', () => standard.verify(body, standardHeaders)],
    ...(size <= 4096 ? floor('standard', STANDARD_SECRET, standardHeaders) : []),
    ['standard', 'standardwebhooks verify, jsonParse: false', () => swRef.verify(body, standardHeaders, { jsonParse: false }), 'hookseal verifySignature'],
    ['standard', 'standardwebhooks verify (parses JSON)', () => swRef.verify(body, standardHeaders), 'hookseal verify (event, parsed JSON)'],
    ['standard', 'svix verify (svix-* headers, parses JSON)', () => svixWh.verify(text, svixHeaders), 'hookseal verify (event, parsed JSON)'],
    ['github', 'hookseal verifySignature', () => github.verifySignature(body, githubHeaders)],
    ['github', 'hookseal verifySignature (string body)', () => github.verifySignature(text, githubHeaders)],
    ['github', '@octokit/webhooks-methods verify (async)', async () => (await octokitVerify(SECRET, text, githubHeaders['x-hub-signature-256'])) || fail('octokit'), 'hookseal verifySignature (string body)'],
    ['stripe', 'hookseal verifySignature', () => stripeWh.verifySignature(body, stripeHeaders)],
    ['stripe', 'hookseal verify (event, parsed JSON)', () => stripeWh.verify(body, stripeHeaders)],
    ['stripe', 'stripe webhooks.constructEvent (parses JSON)', () => stripe.webhooks.constructEvent(body, stripeHeaders['stripe-signature'], STRIPE_SECRET), 'hookseal verify (event, parsed JSON)'],
  ];
}

function fail(what) {
  throw new Error(`${what}: the benchmark delivery did not verify`);
}

const fmt = (n) => (n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toPrecision(3));
const kib = (n) => (n >= 1048576 ? `${n / 1048576} MiB` : `${n / 1024} KiB`);

const results = new Map(); // `${group}|${name}` -> { size -> ops/s }
const compare = new Map();
const loadBefore = os.loadavg()[0];
// Each row is measured ROUNDS times, the rounds interleaved with the other
// rows, and its best round is kept. Times are CPU times of this process
// (bench/cputime.mjs): on a shared machine, wall time would also count the
// time the scheduler gave to other processes.
const ROUNDS = Number(arg('--rounds', '3'));
for (const size of SIZES) {
  const rows = cases(size);
  for (const [, , fn] of rows) {
    fn.setup?.();
    await fn(); // throws if a delivery does not verify
  }
  for (let round = 0; round < ROUNDS; round++) {
    for (const [group, name, fn, against] of rows) {
      const key = `${group}|${name}`;
      if (against) compare.set(key, `${group}|${against}`);
      fn.setup?.();
      const ops = 1e9 / (await cpuTime(fn, { budgetMs: size >= 1048576 ? 400 : 200 }));
      if (!results.has(key)) results.set(key, {});
      results.get(key)[size] = Math.max(results.get(key)[size] ?? 0, ops);
      process.stderr.write(`${kib(size).padStart(8)} r${round + 1} ${group.padEnd(9)} ${name.padEnd(52)} ${fmt(ops).padStart(12)} ops/s\n`);
    }
  }
}

const lines = [];
lines.push('| scheme | implementation | ' + SIZES.map((s) => `${kib(s)} ops/s`).join(' | ') + ' | ' + SIZES.map((s) => `hookseal × at ${kib(s)}`).join(' | ') + ' |');
lines.push('|---|---|' + SIZES.map(() => '---:').join('|') + '|' + SIZES.map(() => '---:').join('|') + '|');
for (const [key, bySize] of results) {
  const [group, name] = key.split('|');
  const base = compare.get(key);
  const ratios = SIZES.map((s) => (base && bySize[s] ? `${(results.get(base)[s] / bySize[s]).toFixed(1)}×` : '—'));
  lines.push(`| ${group} | ${name} | ${SIZES.map((s) => (bySize[s] ? fmt(bySize[s]) : '—')).join(' | ')} | ${ratios.join(' | ')} |`);
}

// The targets, judged on this run.
const ops = (group, name, size) => results.get(`${group}|${name}`)?.[size];
const checks = [];
if (SIZES.includes(1024)) {
  const r1 = ops('unicraft', 'hookseal verifySignature (Buffer body)', 1024) / ops('unicraft', 'node:crypto createHmac + timingSafeEqual (seed 002)', 1024);
  checks.push([`1 KiB: hookseal ≥ 3× node:crypto by hand`, r1, r1 >= 3]);
  const sw = ops('standard', 'standardwebhooks verify, jsonParse: false', 1024);
  const r2 = ops('standard', 'hookseal verifySignature', 1024) / sw;
  const floor = ops('standard', 'floor: core + one napi call (headers pre-read; not the API)', 1024);
  checks.push([
    `1 KiB: hookseal ≥ 20× standardwebhooks` + (floor ? ` (the floor row, core + one napi call with nothing else, would be ${(floor / sw).toFixed(1)}×)` : ''),
    r2,
    r2 >= 20,
  ]);
}
if (SIZES.includes(1048576)) {
  const r3 = ops('unicraft', 'hookseal verifySignature (Buffer body)', 1048576) / ops('unicraft', 'node:crypto createHmac + timingSafeEqual (seed 002)', 1048576);
  checks.push([`1 MiB: hookseal ≥ 1× node:crypto by hand`, r3, r3 >= 1]);
}

const summary = [
  `Run: ${new Date().toISOString()}, Node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length}, ` +
    `backend ${hookseal.backend}, load average ${loadBefore.toFixed(2)} → ${os.loadavg()[0].toFixed(2)} (a shared machine: compare rows of one run, not runs).`,
  '',
  ...lines,
  '',
  `"hookseal ×" is the ops/s of the hookseal row doing the same work divided by the row's ops/s; each figure is the best of ${ROUNDS} interleaved rounds, in calls per CPU-second of this process.`,
  '',
  ...checks.map(([what, ratio, ok]) => `- ${ok ? 'met' : 'NOT met'}: ${what} — ${ratio.toFixed(1)}×`),
];
const table = summary.join('\n');
console.log(table);

if (OUT) {
  const doc = fs.readFileSync(new URL('./node.md', import.meta.url), 'utf8');
  const start = '<!-- results:start -->';
  const end = '<!-- results:end -->';
  const i = doc.indexOf(start);
  const j = doc.indexOf(end);
  if (i !== -1 && j !== -1) {
    fs.writeFileSync(OUT, `${doc.slice(0, i + start.length)}\n${table}\n${doc.slice(j)}`);
    process.stderr.write(`wrote ${OUT}\n`);
  }
}
