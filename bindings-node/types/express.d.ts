import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EventFor, HelperOptions, Scheme } from './index';

/**
 * Express / node:http middleware: reads the raw body itself (mount it on the
 * webhook route before `express.json()`, or keep the raw bytes with
 * `express.json({ verify: (req, res, buf) => { req.rawBody = buf } })`),
 * verifies it, sets `req.webhook` (the event) and `req.rawBody`; refuses with
 * 400/401 (413 too large, 403 outside `allowIps`) and `{ error: <code>, message }`.
 */
export declare function webhookMiddleware<S extends Scheme>(
  options: HelperOptions<S>,
): (req: IncomingMessage & { webhook?: EventFor<S>; rawBody?: Buffer | string }, res: ServerResponse, next: (err?: unknown) => void) => void;
export default webhookMiddleware;

declare global {
  namespace Express {
    interface Request {
      /** The verified event (hookseal/express). */
      webhook?: import('./index').AnyWebhookEvent;
      /** The raw body the signature was checked over (hookseal/express). */
      rawBody?: Buffer | string;
    }
  }
}
