// The ESM entry of hookseal/costkatana: re-exports the CommonJS module (one set of classes for both).
import cjs from './costkatana.cjs';

export const { verifyWebhookSignature } = cjs;
