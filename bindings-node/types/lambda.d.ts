import type { EventFor, HelperOptions, Scheme, Webhook } from './index';

/** The parts of an API Gateway (v1 REST, v2 HTTP) or function URL event that are read. */
export interface ApiGatewayEventLike {
  body?: string | null;
  isBase64Encoded?: boolean;
  headers?: Record<string, string | undefined> | null;
  multiValueHeaders?: Record<string, string[] | undefined> | null;
  requestContext?: { http?: { sourceIp?: string }; identity?: { sourceIp?: string } };
}

export interface LambdaResult {
  statusCode: number;
  headers?: Record<string, string>;
  body?: string;
}

/** Verifies an API Gateway event and returns the webhook event. Throws WebhookVerificationError. */
export declare function verifyLambdaEvent<S extends Scheme>(event: ApiGatewayEventLike, using: Webhook<S> | HelperOptions<S>): EventFor<S>;

/** A handler that verifies first; refusals are answered 400/401 with `{ error: <code>, message }`. */
export declare function lambdaHandler<S extends Scheme, E extends ApiGatewayEventLike = ApiGatewayEventLike, C = unknown, R = LambdaResult>(
  options: HelperOptions<S>,
  handler: (webhookEvent: EventFor<S>, event: E, context: C) => R | Promise<R>,
): (event: E, context: C) => Promise<R | LambdaResult>;
