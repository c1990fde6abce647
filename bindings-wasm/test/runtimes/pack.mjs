// Packs bindings-node/ as npm would publish it (`npm pack`) and unpacks it
// into test/.tmp/node_modules/hookseal, so every runtime test installs the
// real package: its `files` list, its `exports` conditions, its wasm/ folder.
import { mkdirSync, rmSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { NODE_PKG, TMP, run } from './lib.mjs';

const dest = join(TMP, 'node_modules', 'hookseal');
const packs = join(TMP, 'pack');
rmSync(packs, { recursive: true, force: true });
mkdirSync(packs, { recursive: true });
run('npm', ['pack', '--silent', '--pack-destination', packs], { cwd: NODE_PKG });
const [tgz] = readdirSync(packs).filter((f) => f.endsWith('.tgz'));
rmSync(dest, { recursive: true, force: true });
mkdirSync(dest, { recursive: true });
run('tar', ['-xzf', join(packs, tgz), '-C', dest, '--strip-components=1']);
// The runtimes' own test package.json, so Deno and Bun treat TMP as a project.
console.log(`packed ${tgz} into ${dest}`);
