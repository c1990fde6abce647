import type { EventFor, HelperOptions, Scheme, Webhook } from './index';

/** Verifies a fetch `Request` (Next.js route handler) and returns the event. Throws WebhookVerificationError. */
export declare function verifyRequest<S extends Scheme>(request: Request, using: Webhook<S> | HelperOptions<S>): Promise<EventFor<S>>;

/** A route handler that verifies first; refusals are answered 400/401 with `{ error: <code>, message }`. */
export declare function withWebhook<S extends Scheme, C = unknown>(
  options: HelperOptions<S>,
  handler: (event: EventFor<S>, request: Request, context: C) => Response | Promise<Response>,
): (request: Request, context: C) => Promise<Response>;
