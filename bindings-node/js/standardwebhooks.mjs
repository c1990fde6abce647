// The ESM entry of hookseal/standardwebhooks: re-exports the CommonJS module (one set of classes for both).
import cjs from './standardwebhooks.cjs';

export const { Webhook, WebhookVerificationError } = cjs;
