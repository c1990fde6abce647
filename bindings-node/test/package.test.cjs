'use strict';
// The package as users install it: `npm pack`, then `npm install` of the
// tarball into a fresh project, with no Rust toolchain on PATH, used through
// `require` and `import`.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const PKG = path.resolve(__dirname, '..');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
// Only the directories of node and npm: no cargo, rustc or C compiler.
const BARE_PATH = [...new Set([path.dirname(process.execPath), path.dirname(execFileSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' }).trim())])].join(path.delimiter);

const CJS = `
const assert = require('node:assert/strict');
const { Webhook, WebhookVerificationError, backend } = require('hookseal');
const { webhookMiddleware } = require('hookseal/express');
const { Webhook: SW } = require('hookseal/standardwebhooks');
const { verifyWebhookSignature } = require('hookseal/costkatana');
assert.equal(backend, 'native');
const wh = new Webhook('github', "It's a Secret to Everybody");
wh.verifySignature('Hello, World!', { 'x-hub-signature-256': 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17' });
assert.throws(() => wh.verifySignature('Hello', { 'x-hub-signature-256': 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17' }),
  (e) => e instanceof WebhookVerificationError && e.code === 'signature_mismatch');
assert.equal(typeof webhookMiddleware, 'function');
assert.equal(typeof new SW('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw').sign('m', new Date(), '{}'), 'string');
assert.equal(verifyWebhookSignature('{}', '1', 'sha256=00', 'k'), false);
console.log('cjs ok');
`;

const ESM = `
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import hookseal, { Webhook, WebhookVerificationError } from 'hookseal';
import { withWebhook } from 'hookseal/next';
import { lambdaHandler } from 'hookseal/lambda';
import { hooksealFastify } from 'hookseal/fastify';
const require = createRequire(import.meta.url);
const cjs = require('hookseal');
assert.equal(cjs.WebhookVerificationError, WebhookVerificationError);
assert.equal(hookseal.Webhook, Webhook);
const wh = new Webhook('stripe', 'whsec_test');
const body = JSON.stringify({ id: 'evt_1', type: 'charge.succeeded', created: 1700000000, data: { object: {} } });
const event = wh.verify(body, wh.sign(body));
assert.equal(event.type, 'charge.succeeded');
try { wh.verify(body + ' ', wh.sign(body)); assert.fail('forged'); } catch (e) { assert.ok(e instanceof cjs.WebhookVerificationError); }
assert.equal(typeof withWebhook, 'function');
assert.equal(typeof lambdaHandler, 'function');
assert.equal(typeof hooksealFastify, 'function');
console.log('esm ok');
`;

const TS = `
import { Webhook } from 'hookseal';
const e = new Webhook('smartaihub', 'k').verify('{}', {});
if (e.type === 'credit.low') { const n: number = e.data.balance; void n; }
`;

test('npm pack → npm install in a fresh project → require and import work without Rust', (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hookseal-pack-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const packed = JSON.parse(execFileSync(NPM, ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], { cwd: PKG, encoding: 'utf8' }));
  const files = packed[0].files.map((f) => f.path);
  for (const needed of ['package.json', 'native/binding.cjs', 'native/hookseal.linux-x64-gnu.node', 'js/index.cjs', 'js/index.mjs', 'js/errors.cjs', 'types/index.d.ts', 'types/events.d.ts']) {
    assert.ok(files.includes(needed), `the tarball lacks ${needed}`);
  }
  assert.ok(!files.some((f) => f.startsWith('node_modules/') || f.startsWith('src/') || f.startsWith('test/')), 'the tarball carries only the package');
  const tarball = path.join(dir, packed[0].filename);

  const app = path.join(dir, 'app');
  fs.mkdirSync(app);
  fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'fresh-app', version: '1.0.0', private: true }));
  const env = { ...process.env, PATH: BARE_PATH, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
  delete env.HOOKSEAL_BACKEND;
  delete env.NODE_OPTIONS;
  execFileSync(NPM, ['install', '--offline', '--no-package-lock', tarball], { cwd: app, env, stdio: 'pipe' });
  assert.throws(() => execFileSync('cargo', ['--version'], { env, stdio: 'pipe' }), 'cargo must not be reachable in the fresh project');
  fs.writeFileSync(path.join(app, 'check.cjs'), CJS);
  fs.writeFileSync(path.join(app, 'check.mjs'), ESM);
  assert.equal(execFileSync(process.execPath, ['check.cjs'], { cwd: app, env, encoding: 'utf8' }).trim(), 'cjs ok');
  assert.equal(execFileSync(process.execPath, ['check.mjs'], { cwd: app, env, encoding: 'utf8' }).trim(), 'esm ok');

  // The installed types resolve from a fresh TypeScript project.
  const tsc = path.join(PKG, 'node_modules', 'typescript', 'bin', 'tsc');
  fs.writeFileSync(path.join(app, 'check.ts'), TS);
  execFileSync(process.execPath, [tsc, '--noEmit', '--strict', '--module', 'node16', '--moduleResolution', 'node16', '--target', 'ES2022', '--types', 'node', '--typeRoots', path.join(PKG, 'node_modules', '@types'), 'check.ts'], { cwd: app, env, stdio: 'pipe' });
});
