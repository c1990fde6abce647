// `import … from 'hookseal/wasm'` in Node and Bun: re-exports the CommonJS entry.
import api from './wasm.cjs';

export const { Webhook, WebhookVerificationError, ERROR_CODES, SCHEMES, backend, httpStatus } = api;
export default api;
