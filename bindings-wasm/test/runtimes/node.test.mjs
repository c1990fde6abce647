// Node, ESM and CommonJS, through `hookseal/wasm` from the packed package:
// a node:http receiver on loopback gets real signed and forged deliveries.
import test from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { requirePacked, workdir, freePort, start, waitForHttp } from './lib.mjs';
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
