// The ESM entry: re-exports the CommonJS entry, so `instanceof` works across both.
import api from './index.cjs';

export const { Webhook, WebhookVerificationError, ERROR_CODES, SCHEMES, backend, httpStatus } = api;
export default api;
