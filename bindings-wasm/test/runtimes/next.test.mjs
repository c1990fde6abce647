// A real Next.js app (`next build` + `next start`) whose App Router route
// handler runs on the edge runtime, built once with Turbopack (the default)
// and once with webpack (`--webpack`); each serves real signed and forged
// deliveries on loopback.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, requirePacked, workdir, freePort, start, waitForHttp, run } from './lib.mjs';
import { sendAll, check } from './shared/deliveries.mjs';

requirePacked();
const dir = workdir('next', 'next-app');
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };

for (const bundler of ['turbopack', 'webpack']) {
  test(`next.js (${bundler}): edge route handler verifies and refuses over loopback`, async (t) => {
    run(join(BIN, 'next'), ['build', ...(bundler === 'webpack' ? ['--webpack'] : [])], { cwd: dir, env, timeout: 600_000 });
    const edgeWasm = readdirSync(join(dir, '.next', 'server'), { recursive: true }).filter((f) => f.endsWith('.wasm'));
    assert.ok(edgeWasm.length >= 1, 'the .wasm files are part of the edge function');
    const manifest = JSON.parse(readFileSync(join(dir, '.next', 'server', 'middleware-manifest.json'), 'utf8'));
    const fn = Object.values(manifest.functions || {})[0];
    assert.ok(fn, 'the route is an edge function');
    const port = await freePort();
    const proc = start(join(BIN, 'next'), ['start', '-p', String(port), '-H', '127.0.0.1'], { cwd: dir, env });
    t.after(() => proc.stop());
    await waitForHttp(`http://127.0.0.1:${port}/api/health`, proc, 120_000);
    t.diagnostic(`wasm bindings of the edge function: ${(fn.wasm || []).map((w) => w.name).join(', ')}`);
    t.diagnostic(check(assert, await sendAll(`http://127.0.0.1:${port}/api`)));
    await proc.stop();
  });
}
