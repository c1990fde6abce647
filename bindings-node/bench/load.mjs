// Load test (make load-node): an Express receiver with the hookseal
// middleware, in its own process, loaded over loopback by autocannon for
// --duration seconds with valid and forged deliveries interleaved. Passes
// when every valid delivery got 200, every forged one 401, autocannon saw no
// errors or timeouts, and the receiver's RSS did not grow after warm-up.
import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import fs from 'node:fs';

const require = createRequire(import.meta.url);
const autocannon = require('autocannon');
const { Webhook } = require('../js/index.cjs');

const args = process.argv.slice(2);
const DURATION = Number(args[args.indexOf('--duration') + 1] || 20);
const WARMUP = Math.min(5, Math.floor(DURATION / 4));
const CONNECTIONS = 16;
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
// RSS may move by this much after warm-up (allocator noise), no more.
const RSS_SLACK = 16 * 1024 * 1024;

const signer = new Webhook('standard', SECRET);
const requests = [];
for (let i = 0; i < 64; i++) {
  const body = JSON.stringify({ type: 'invoice.paid', data: { invoice: `in_${i}`, amount: 1000 + i, note: 'x'.repeat(900) } });
  const headers = { 'content-type': 'application/json', ...signer.sign(body, { id: `msg_load_${i}` }) };
  requests.push({ method: 'POST', path: '/webhooks', headers: { ...headers, 'x-load-expect': 'valid' }, body });
  const forgedBody = i % 2 ? body.replace('"amount":1', '"amount":9') : body;
  const forgedHeaders = i % 2 ? headers : { ...headers, 'webhook-signature': 'v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=' };
  requests.push({ method: 'POST', path: '/webhooks', headers: { ...forgedHeaders, 'x-load-expect': 'forged' }, body: forgedBody });
}

const child = fork(fileURLToPath(new URL('./load-server.cjs', import.meta.url)), [], {
  env: { ...process.env, LOAD_SECRET: SECRET },
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
const stopChild = () => {
  if (child.exitCode === null && !child.killed) child.kill('SIGTERM');
};
process.on('exit', stopChild);
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(130));

const ask = () =>
  new Promise((resolve) => {
    child.once('message', resolve);
    child.send('stats');
  });

let failed = false;
try {
  const { port } = await new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (code) => reject(new Error(`the receiver exited (${code})`)));
  });
  const samples = [];
  const timer = setInterval(async () => samples.push({ t: Date.now(), ...(await ask()) }), 1000);
  const started = Date.now();
  const result = await autocannon({ url: `http://127.0.0.1:${port}`, connections: CONNECTIONS, duration: DURATION, requests });
  clearInterval(timer);
  await new Promise((r) => setTimeout(r, 300));
  const final = await ask();

  // RSS right after warm-up, and the highest RSS later on: a leak keeps
  // climbing, a warmed-up heap levels off.
  const afterWarmup = samples.filter((s) => s.t - started >= WARMUP * 1000);
  const base = afterWarmup.length ? afterWarmup[0].rss : final.rss;
  const peak = Math.max(...afterWarmup.map((s) => s.rss), final.rss);
  process.stderr.write(`RSS samples (MiB): ${samples.map((s) => (s.rss / 1048576).toFixed(0)).join(' ')}\n`);
  const c = final.counts;
  const codes = Object.fromEntries(Object.entries(result.statusCodeStats || {}).map(([k, v]) => [k, v.count]));
  const mib = (n) => `${(n / 1048576).toFixed(1)} MiB`;
  const checks = [
    ['every valid delivery answered 200', c.validOther === 0 && c.valid200 > 0],
    ['every forged delivery answered 401', c.forgedOther === 0 && c.forged401 > 0],
    ['no errors or timeouts', result.errors === 0 && result.timeouts === 0],
    [`RSS after warm-up grew ≤ ${mib(RSS_SLACK)}`, peak - base <= RSS_SLACK],
  ];
  const lines = [
    `Load test: ${DURATION} s, ${CONNECTIONS} connections over loopback, Express ${require('express/package.json').version}, Node ${process.version}, ${new Date().toISOString()}`,
    '',
    `| requests | req/s (mean) | latency p50 / p99 | 200 | 401 | other | errors | timeouts |`,
    `|---:|---:|---|---:|---:|---:|---:|---:|`,
    `| ${result.requests.total} | ${Math.round(result.requests.average)} | ${result.latency.p50} / ${result.latency.p99} ms | ${codes['200'] || 0} | ${codes['401'] || 0} | ${result.requests.total - (codes['200'] || 0) - (codes['401'] || 0)} | ${result.errors} | ${result.timeouts} |`,
    '',
    `Receiver's own count: valid → 200: ${c.valid200}, valid → other: ${c.validOther}, forged → 401: ${c.forged401}, forged → other: ${c.forgedOther}.`,
    `Receiver RSS: ${mib(samples[0]?.rss ?? final.rss)} at start, ${mib(base)} after ${WARMUP} s warm-up, peak ${mib(peak)} after it, ${mib(final.rss)} at the end (growth after warm-up ${mib(peak - base)}).`,
    '',
    ...checks.map(([what, ok]) => `- ${ok ? 'ok' : 'FAILED'}: ${what}`),
  ];
  console.log(lines.join('\n'));
  fs.writeFileSync(new URL('./load.md', import.meta.url), `# Load test of the Express receiver (make load-node)\n\n${lines.join('\n')}\n`);
  failed = checks.some(([, ok]) => !ok);
} catch (err) {
  console.error(err);
  failed = true;
} finally {
  child.send('stop');
  await new Promise((r) => setTimeout(r, 200));
  stopChild();
}
process.exit(failed ? 1 : 0);
