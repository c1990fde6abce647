import type { EventFor, HelperOptions, Scheme } from './index';

/**
 * Fastify plugin: in the scope it is registered in, bodies are parsed as raw
 * bytes and a preHandler verifies every request (`request.webhook`,
 * `request.rawBody`); refusals get 400/401 and `{ error: <code>, message }`.
 */
export declare function hooksealFastify(instance: any, options: HelperOptions, done: (err?: Error) => void): void;
export default hooksealFastify;
/** The verifying preHandler alone. */
export declare function createPreHandler<S extends Scheme>(options: HelperOptions<S>): (request: any, reply: any) => Promise<unknown>;
/** The raw-body content parser alone (`parseAs: 'buffer'` for every content type). */
export declare function addRawBodyParser(instance: any, options?: { bodyLimit?: number }): void;

declare module 'fastify' {
  interface FastifyRequest {
    /** The verified event (hookseal/fastify). */
    webhook: import('./index').AnyWebhookEvent | null;
    /** The raw body (hookseal/fastify). */
    rawBody: Buffer | null;
  }
}
