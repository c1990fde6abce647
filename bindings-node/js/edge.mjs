// The `edge-light` entry (Vercel and Next.js edge runtime): the HMAC build, imported as a WebAssembly.Module (`?module`) that the platform compiles when it deploys — edge runtimes refuse to compile WebAssembly from bytes at run time. Standard Webhooks' Ed25519 keys: 'hookseal/ed25519'.
import wasm from '../wasm/hookseal_hmac_bg.wasm?module';
import * as glue from '../wasm/hookseal_hmac.mjs';
import { instantiate, start } from './wasm-start.mjs';

const api = start({ hmac: instantiate(glue, wasm) });
export const { Webhook, WebhookVerificationError, ERROR_CODES, SCHEMES, backend, httpStatus } = api;
export default api;
