// Vercel's `edge-runtime` (the VM behind `next dev` edge routes and Vercel
// Edge Functions' local emulation), with WebAssembly code generation from
// bytes switched off as on the platform: `hookseal` resolves through
// `edge-light` and its .wasm arrives as a precompiled module binding.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EdgeRuntime, runServer } from 'edge-runtime';
import { requirePacked, workdir } from './lib.mjs';
import { bundleEdge } from './bundle.mjs';
import { sendAll, check } from './shared/deliveries.mjs';

requirePacked();
const dir = workdir('edge-runtime', 'edge-app');

test('edge-runtime: hookseal (edge-light) verifies and refuses over loopback', async (t) => {
  const { code, wasm } = await bundleEdge(join(dir, 'worker.mjs'), ['edge-light', 'worker', 'browser']);
  assert.deepEqual(Object.keys(wasm).sort(), ['wasm_hookseal_full_bg', 'wasm_hookseal_hmac_bg']);
  const runtime = new EdgeRuntime({
    initialCode: code,
    codeGeneration: { strings: false, wasm: false },
    extend(context) {
      for (const [name, path] of Object.entries(wasm)) context[name] = new WebAssembly.Module(readFileSync(path));
      return context;
    },
  });
  // The platform's rule the entry is built for: no WebAssembly from bytes at run time.
  const refused = runtime.evaluate(`(() => { try { new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])); return 'compiled'; } catch (e) { return String(e); } })()`);
  assert.match(refused, /disallowed|not allowed|CompileError|EvalError/i, refused);
  const server = await runServer({ runtime, host: '127.0.0.1', port: 0 });
  t.after(() => server.close());
  t.diagnostic(`compiling from bytes inside the runtime: ${refused}`);
  t.diagnostic(check(assert, await sendAll(server.url)));
});
