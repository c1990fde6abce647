// Headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core):
// a page bundled for the `browser` condition verifies deliveries in-page.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { requirePacked, workdir } from './lib.mjs';
import { deliveries, check } from './shared/deliveries.mjs';

requirePacked();
const dir = workdir('chromium', 'browser-app');
const CHROMIUM_FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
];

test('chromium: hookseal (browser) verifies and refuses in a page', async (t) => {
  await build({
    entryPoints: [join(dir, 'page.mjs')],
    bundle: true,
    outfile: join(dir, 'page.js'),
    format: 'esm',
    platform: 'browser',
    logLevel: 'silent',
  });
  const files = { '/': ['index.html', 'text/html'], '/page.js': ['page.js', 'text/javascript'] };
  const server = createServer((req, res) => {
    const hit = files[req.url];
    if (!hit) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': hit[1] }).end(readFileSync(join(dir, hit[0])));
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  t.after(() => server.close());
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_FLAGS, timeout: 60_000 });
  t.after(() => browser.close());
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  await page.waitForFunction(() => document.title === 'ready', null, { timeout: 30_000 });
  const results = [];
  for (const d of deliveries()) results.push([d, ...(await page.evaluate((x) => window.deliver(x), { path: d.path, body: d.body, headers: d.headers }))]);
  assert.deepEqual(errors, []);
  t.diagnostic(`Chromium ${browser.version()}: ${check(assert, results)}`);
});
