// The `browser`, `worker` and `deno` entry of 'hookseal/ed25519': the full build's bytes inlined (base64).
import wasm from '../wasm/hookseal_full_base64.mjs';
import * as glue from '../wasm/hookseal_full.mjs';
import { instantiate, start } from './wasm-start.mjs';
import backendKit from './wasm-backend.cjs';

const { fromBase64 } = backendKit;

const api = start({ full: instantiate(glue, () => fromBase64(wasm)) });
export const { Webhook, WebhookVerificationError, ERROR_CODES, SCHEMES, backend, httpStatus } = api;
export default api;
