// The `browser`, `worker` and `deno` entry: the HMAC build's bytes inlined (base64), compiled synchronously on first use, so it works in every bundler and without file-system permissions. Standard Webhooks' Ed25519 keys: 'hookseal/ed25519'.
import wasm from '../wasm/hookseal_hmac_base64.mjs';
import * as glue from '../wasm/hookseal_hmac.mjs';
import { instantiate, start } from './wasm-start.mjs';
import backendKit from './wasm-backend.cjs';

const { fromBase64 } = backendKit;

const api = start({ hmac: instantiate(glue, () => fromBase64(wasm)) });
export const { Webhook, WebhookVerificationError, ERROR_CODES, SCHEMES, backend, httpStatus } = api;
export default api;
