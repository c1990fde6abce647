// The ESM entry of hookseal/fastify: re-exports the CommonJS module (one set of classes for both).
import cjs from './fastify.cjs';

export const { hooksealFastify, createPreHandler, addRawBodyParser } = cjs;
export default cjs.default;
