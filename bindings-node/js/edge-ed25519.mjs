// The `edge-light` entry of 'hookseal/ed25519': the full build (HMAC + Ed25519) as a WebAssembly.Module (`?module`).
import wasm from '../wasm/hookseal_full_bg.wasm?module';
import * as glue from '../wasm/hookseal_full.mjs';
import { instantiate, start } from './wasm-start.mjs';

const api = start({ full: instantiate(glue, wasm) });
export const { Webhook, WebhookVerificationError, ERROR_CODES, SCHEMES, backend, httpStatus } = api;
export default api;
