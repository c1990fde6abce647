// The `workerd` entry (Cloudflare Workers, wrangler, miniflare): the HMAC build, imported as a compiled WebAssembly.Module (wrangler's CompiledWasm rule for *.wasm). Standard Webhooks' Ed25519 keys: 'hookseal/ed25519'.
import wasm from '../wasm/hookseal_hmac_bg.wasm';
import * as glue from '../wasm/hookseal_hmac.mjs';
import { instantiate, start } from './wasm-start.mjs';

const api = start({ hmac: instantiate(glue, wasm) });
export const { Webhook, WebhookVerificationError, ERROR_CODES, SCHEMES, backend, httpStatus } = api;
export default api;
