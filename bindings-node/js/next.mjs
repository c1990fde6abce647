// The ESM entry of hookseal/next: re-exports the CommonJS module (one set of classes for both).
import cjs from './next.cjs';

export const { verifyRequest, withWebhook } = cjs;
