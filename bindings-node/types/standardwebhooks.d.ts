// The API of the `standardwebhooks` npm package, served by hookseal.
export { WebhookVerificationError } from './index';

export interface WebhookRequiredHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

export interface WebhookUnbrandedRequiredHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

export interface WebhookOptions {
  format?: 'raw';
}

export declare class Webhook {
  static prefix: string;
  constructor(secret: Uint8Array | string, options?: WebhookOptions);
  verify(
    payload: string | Buffer,
    headers_: WebhookRequiredHeaders | WebhookUnbrandedRequiredHeaders | Record<string, string>,
    options?: { jsonParse?: boolean },
  ): unknown;
  sign(msgId: string, timestamp: Date, payload: string | Buffer): string;
}
