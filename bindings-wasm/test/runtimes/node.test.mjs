// Node, ESM and CommonJS, through `hookseal/wasm` from the packed package:
// a node:http receiver on loopback gets real signed and forged deliveries.
import test from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { cpSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { requirePacked, workdir, freePort, start, waitForHttp, TMP } from './lib.mjs';
import { sendAll, check } from './shared/deliveries.mjs';

requirePacked();
const dir = workdir('node', 'node-app');

for (const entry of ['server.mjs', 'server.cjs']) {
  test(`node ${process.version} ${entry.endsWith('.mjs') ? 'ESM' : 'CJS'}: hookseal/wasm verifies and refuses over loopback`, async (t) => {
    const port = await freePort();
    const proc = start(process.execPath, [join(dir, entry)], { cwd: dir, env: { ...process.env, PORT: String(port) } });
    t.after(() => proc.stop());
    await waitForHttp(`http://127.0.0.1:${port}/health`, proc);
    t.diagnostic(check(assert, await sendAll(`http://127.0.0.1:${port}`)));
  });
}

// A platform with no prebuilt native binary: plain `hookseal` falls back to
// the WebAssembly build (simulated by a copy of the packed package whose
// native/ folder is empty).
test('plain hookseal falls back to the WebAssembly build when no native binary loads', () => {
  const dir = workdir('node-fallback');
  const pkg = join(dir, 'node_modules', 'hookseal');
  cpSync(join(TMP, 'node_modules', 'hookseal'), pkg, { recursive: true });
  rmSync(join(pkg, 'native'), { recursive: true, force: true });
  const script = `
    const { Webhook, backend } = require('hookseal');
    const wh = new Webhook('github', 's3cret');
    const headers = wh.sign('{"zen":"Keep it logically awesome."}');
    wh.verifySignature('{"zen":"Keep it logically awesome."}', headers);
    let refused = '';
    try { wh.verifySignature('{"zen":"forged"}', headers); } catch (e) { refused = e.code; }
    console.log(JSON.stringify({ backend, refused }));`;
  const out = execFileSync(process.execPath, ['-e', script], { cwd: dir, env: { ...process.env, HOOKSEAL_BACKEND: '' } });
  assert.deepEqual(JSON.parse(String(out)), { backend: 'wasm', refused: 'signature_mismatch' });
});
