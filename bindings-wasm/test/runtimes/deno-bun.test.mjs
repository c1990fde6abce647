// Deno and Bun, both installed from npm (their binaries come in the
// platform packages @deno/linux-x64-glibc and @oven/bun-linux-x64), each
// serving the receiver on loopback.
import test from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { BIN, requirePacked, workdir, freePort, start, waitForHttp, run } from './lib.mjs';
import { sendAll, check } from './shared/deliveries.mjs';

requirePacked();

test('deno: hookseal (deno condition) verifies and refuses over loopback', async (t) => {
  const dir = workdir('deno', 'deno-app');
  const version = run(join(BIN, 'deno'), ['--version']).split('\n')[0];
  const port = await freePort();
  const env = { ...process.env, PORT: String(port), DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1', DENO_DIR: join(dir, '.deno') };
  const proc = start(join(BIN, 'deno'), ['run', '--node-modules-dir=manual', '--allow-net=127.0.0.1', '--allow-env=PORT', 'server.mjs'], { cwd: dir, env });
  t.after(() => proc.stop());
  await waitForHttp(`http://127.0.0.1:${port}/health`, proc);
  t.diagnostic(`${version}: ${check(assert, await sendAll(`http://127.0.0.1:${port}`))}`);
});

test('bun: hookseal/wasm verifies and refuses over loopback', async (t) => {
  const dir = workdir('bun', 'bun-app');
  const version = run(join(BIN, 'bun'), ['--version']).trim();
  const port = await freePort();
  const proc = start(join(BIN, 'bun'), ['server.mjs'], { cwd: dir, env: { ...process.env, PORT: String(port) } });
  t.after(() => proc.stop());
  await waitForHttp(`http://127.0.0.1:${port}/health`, proc);
  const plain = await (await fetch(`http://127.0.0.1:${port}/plain-backend`)).text();
  t.diagnostic(`bun ${version} (plain 'hookseal' picks the ${plain} backend): ${check(assert, await sendAll(`http://127.0.0.1:${port}`))}`);
});
