// Cloudflare's workerd through miniflare: the worker is bundled as wrangler
// bundles it (esbuild, conditions workerd/worker/browser, .wasm imports kept
// as CompiledWasm modules) and served by workerd on a loopback port.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Miniflare } from 'miniflare';
import { requirePacked, workdir } from './lib.mjs';
import { bundleWorker } from './bundle.mjs';
import { sendAll, check } from './shared/deliveries.mjs';

requirePacked();
const dir = workdir('workerd', 'workerd-app');

test('workerd (miniflare): hookseal (workerd) verifies and refuses over loopback', async (t) => {
  const out = join(dir, 'dist', 'worker.mjs');
  await bundleWorker(join(dir, 'worker.mjs'), out, ['workerd', 'worker', 'browser']);
  let bundle = readFileSync(out, 'utf8');
  const wasmPaths = [...new Set([...bundle.matchAll(/from\s*"([^"]+\.wasm)"/g)].map((m) => m[1]))];
  assert.equal(wasmPaths.length, 2, 'both builds imported as modules');
  // Module names are relative to the bundle, as wrangler uploads them.
  const modules = wasmPaths.map((p) => {
    const name = basename(p);
    bundle = bundle.replaceAll(`"${p}"`, `"./${name}"`);
    return { type: 'CompiledWasm', path: join(dir, 'dist', name), contents: readFileSync(p) };
  });
  modules.unshift({ type: 'ESModule', path: out, contents: bundle });
  const mf = new Miniflare({ modules, modulesRoot: join(dir, 'dist'), compatibilityDate: '2025-01-01', host: '127.0.0.1', port: 0 });
  t.after(() => mf.dispose());
  const url = await mf.ready;
  t.diagnostic(check(assert, await sendAll(url.href)));
});
