// Bundles a receiver for a runtime the way that runtime's own tooling does
// (esbuild, the bundler of wrangler; Vercel's edge bundling for `?module`).
import { build } from 'esbuild';
import { basename, resolve } from 'node:path';

/**
 * `?module` imports (Next.js / Vercel edge) become a global binding that the
 * host fills with the WebAssembly.Module it compiled at deploy time, as the
 * Vercel Build Output API's `wasm` bindings do. Returns { code, wasm: {name: path} }.
 */
export async function bundleEdge(entry, conditions, { minify = false } = {}) {
  const wasm = {};
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'neutral',
    minify,
    mainFields: ['module', 'main'],
    conditions,
    logLevel: 'silent',
    plugins: [
      {
        name: 'wasm-module-binding',
        setup(b) {
          b.onResolve({ filter: /\.wasm\?module$/ }, (args) => ({
            path: resolve(args.resolveDir, args.path.replace(/\?module$/, '')),
            namespace: 'wasm-binding',
          }));
          b.onLoad({ filter: /.*/, namespace: 'wasm-binding' }, (args) => {
            const name = `wasm_${basename(args.path, '.wasm')}`;
            wasm[name] = args.path;
            return { contents: `export default globalThis[${JSON.stringify(name)}];`, loader: 'js' };
          });
        },
      },
    ],
  });
  return { code: result.outputFiles[0].text, wasm };
}

/** An ES module bundle whose `.wasm` imports stay separate modules (wrangler's CompiledWasm rule). */
export async function bundleWorker(entry, outfile, conditions) {
  await build({
    entryPoints: [entry],
    bundle: true,
    outfile,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    conditions,
    logLevel: 'silent',
    plugins: [
      {
        name: 'wasm-compiled-module',
        setup(b) {
          b.onResolve({ filter: /\.wasm$/ }, (args) => ({ path: resolve(args.resolveDir, args.path), external: true }));
        },
      },
    ],
  });
}
