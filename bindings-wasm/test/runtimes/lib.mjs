// Test plumbing shared by the runtime tests: the packed npm package, child
// processes that are always killed, free loopback ports.
import { spawn, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const HERE = dirname(fileURLToPath(import.meta.url));
export const WASM_DIR = resolve(HERE, '..', '..');
export const NODE_PKG = resolve(WASM_DIR, '..', 'bindings-node');
/** Scratch space; its node_modules/hookseal is the packed package (see pack.mjs). */
export const TMP = join(WASM_DIR, 'test', '.tmp');
export const BIN = join(WASM_DIR, 'node_modules', '.bin');

export function requirePacked() {
  if (!existsSync(join(TMP, 'node_modules', 'hookseal', 'package.json'))) {
    throw new Error('run `node bindings-wasm/test/runtimes/pack.mjs` first (make test-wasm does)');
  }
}

/**
 * A fresh copy of `source` (a folder under test/runtimes/) at TMP/<name>,
 * with shared/ beside its files; `hookseal` resolves from TMP/node_modules.
 */
export function workdir(name, source) {
  const dir = join(TMP, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  if (source) cpSync(join(HERE, source), dir, { recursive: true });
  cpSync(join(HERE, 'shared'), join(dir, 'shared'), { recursive: true });
  return dir;
}

export function freePort() {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.on('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
  });
}

// Every started process group is also recorded in TMP/pids/<pgid>, so that
// `make test-wasm` can kill leftovers even if a test process itself dies.
const PIDS = join(TMP, 'pids');
const children = new Set();
function forget(child) {
  children.delete(child);
  rmSync(join(PIDS, String(child.pid)), { force: true });
}
function killAll() {
  for (const child of [...children]) {
    forget(child);
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
}
process.on('exit', killAll);
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    killAll();
    process.exit(130);
  });
}

/**
 * Starts `cmd args` in its own process group (killed with the group by
 * `stop()`, and when this process exits). Output is kept for error messages.
 */
export function start(cmd, args, options = {}) {
  const child = spawn(cmd, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], ...options });
  children.add(child);
  mkdirSync(PIDS, { recursive: true });
  writeFileSync(join(PIDS, String(child.pid)), `${cmd} ${args.join(' ')}\n`);
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise((ok) => child.on('exit', (code, signal) => ok({ code, signal })));
  return {
    child,
    exited,
    output: () => output,
    async stop() {
      if (!children.has(child)) return;
      forget(child);
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        return;
      }
      const done = await Promise.race([exited, new Promise((ok) => setTimeout(() => ok(null), 5000))]);
      if (done === null) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          /* gone */
        }
      }
    },
  };
}

/** Waits until GET `url` answers (any status), or the process exits, or `ms` pass. */
export async function waitForHttp(url, proc, ms = 60_000) {
  const deadline = Date.now() + ms;
  let exited = false;
  proc.exited.then(() => (exited = true));
  while (Date.now() < deadline) {
    if (exited) throw new Error(`the server exited before answering:\n${proc.output()}`);
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      return;
    } catch {
      await new Promise((ok) => setTimeout(ok, 200));
    }
  }
  throw new Error(`no answer from ${url} within ${ms} ms:\n${proc.output()}`);
}

/** Runs a command to completion; throws with its output when it fails. */
export function run(cmd, args, options = {}) {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...options });
  } catch (err) {
    throw new Error(`${cmd} ${args.join(' ')} failed:\n${err.stdout || ''}${err.stderr || ''}`);
  }
}

export { readdirSync };
