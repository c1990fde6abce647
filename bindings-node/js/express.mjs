// The ESM entry of hookseal/express: re-exports the CommonJS module (one set of classes for both).
import cjs from './express.cjs';

export const { webhookMiddleware } = cjs;
export default cjs.default;
