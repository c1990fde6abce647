// The test copies this app into bindings-wasm/test/.tmp/next; `hookseal` is
// the packed package in .tmp/node_modules, next and react come from
// bindings-wasm/node_modules: both are inside this root.
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..', '..');
export default { turbopack: { root }, outputFileTracingRoot: root };
