// What every WebAssembly entry of the package shares: the API of js/core.cjs
// over the wasm backend, with the module each entry brings (a compiled
// WebAssembly.Module where the platform compiled it at deploy time, bytes
// elsewhere). Instantiation is synchronous and happens on first use.
import core from './core.cjs';
import backendKit from './wasm-backend.cjs';

const { createApi } = core;
const { createWasmBackend, webPlatform } = backendKit;

/**
 * `glue`: an ESM wasm-bindgen glue of ../wasm/; `module`: its
 * WebAssembly.Module, or a function returning its bytes (decoded only when
 * the build is first used).
 */
export function instantiate(glue, module) {
  return () => {
    glue.initSync({ module: typeof module === 'function' ? module() : module });
    return glue;
  };
}

/** The package API over the HMAC build, and the full build when one is given. */
export function start({ hmac, full }) {
  return createApi(
    createWasmBackend({ loadHmac: hmac ?? full, loadFull: full ?? null, fullEntry: 'hookseal/ed25519' }),
    webPlatform,
  );
}
