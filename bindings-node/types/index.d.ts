// Type declarations of the npm package `hookseal` (hand-written; the event
// types in ./events.d.ts are generated from core/catalogs by tools/gen_types_ts.py).
import type { AnyWebhookEvent, EventMap } from './events';

export * from './events';

/** A built-in scheme id of PRODUCT.md (`svix` is an alias of `standard`). */
export type SchemeId = 'costkatana' | 'unicraft' | 'dash' | 'smartaihub' | 'standard' | 'svix' | 'stripe' | 'github' | 'slack' | 'shopify';

/** A user-described HMAC-SHA256 scheme (docs/SEMANTICS.md, "Custom schemes"). */
export interface CustomScheme {
  /** Header carrying the signature. */
  signatureHeader: string;
  /** Text before the signature, e.g. `sha256=`. */
  prefix?: string;
  /** `hex` (default) or `base64`. */
  encoding?: 'hex' | 'base64';
  /** Header carrying the delivery id (usable as `{id}`). */
  idHeader?: string;
  /** Header carrying the Unix timestamp (usable as `{timestamp}`, checked against the tolerance). */
  timestampHeader?: string;
  /** Signed content: `{id}`, `{timestamp}`, `{body}` and literal text. Default `{body}`. */
  template?: string;
  /** Dotted path of the event id in the JSON body (for `verify`). */
  eventIdField?: string;
  /** Dotted path of the event type in the JSON body (for `verify`). */
  eventTypeField?: string;
  /** Dotted path of the RFC 3339 event time in the JSON body (for `verify`). */
  eventTimestampField?: string;
}

export type Scheme = SchemeId | CustomScheme;

/** The raw body exactly as received. A parsed object is refused with a TypeError. */
export type Payload = string | Uint8Array | ArrayBuffer | DataView | ArrayBufferView;

/** A secret as the provider shows it (string) or its bytes. */
export type Secret = string | Uint8Array | ArrayBuffer;

/** A header container: Node's IncomingHttpHeaders, Fetch `Headers`, a Map, or [name, value] pairs. */
export type HeadersLike =
  | { readonly [name: string]: string | readonly string[] | number | undefined }
  | { get(name: string): string | null | undefined }
  | ReadonlyMap<string, string | readonly string[]>
  | ReadonlyArray<readonly [string, string | readonly string[]]>
  | ReadonlyArray<string>
  | Iterable<readonly [string, string]>;

export interface WebhookOptions {
  /** Allowed clock difference in seconds (default 300); `0` switches the timestamp check off. */
  tolerance?: number;
  /** Refuse event types that are not in the provider's catalog (default false). */
  strict?: boolean;
  /** Largest body accepted, in bytes (default 10 MiB); `0` means no limit. */
  maxPayloadBytes?: number;
  /** Refuse a second delivery of the same event (`duplicate_event`). */
  replayGuard?: boolean | { capacity?: number; ttl?: number };
}

export interface VerifyOptions {
  /** The verifier's clock, in Unix seconds or as a Date (default: now). */
  now?: number | Date;
}

export interface SignOptions {
  /** Unix seconds or a Date (default: now). */
  timestamp?: number | Date;
  /** Delivery id for schemes that sign one (default: a random `msg_…`). */
  id?: string;
}

/** PRODUCT.md's error codes. */
export type ErrorCode =
  | 'missing_header'
  | 'invalid_header'
  | 'timestamp_too_old'
  | 'timestamp_too_new'
  | 'signature_mismatch'
  | 'unsupported_signature'
  | 'invalid_secret'
  | 'invalid_payload'
  | 'unknown_event_type'
  | 'payload_too_large'
  | 'duplicate_event';

/** Why a delivery was refused. `code` is one of PRODUCT.md's codes. */
export declare class WebhookVerificationError extends Error {
  constructor(code: ErrorCode, message: string);
  readonly code: ErrorCode;
  readonly name: 'WebhookVerificationError';
}

/** A wrong argument type: a TypeError with `code = 'invalid_argument'`. */
export interface InvalidArgumentError extends TypeError {
  code: 'invalid_argument';
}

/** The event `verify` returns for a scheme. */
export type EventFor<S> = S extends keyof EventMap ? EventMap[S] : S extends CustomScheme ? EventMap['custom'] : AnyWebhookEvent;

/** A verifier and signer for one scheme and one or more secrets. Build it once and reuse it. */
export declare class Webhook<S extends Scheme = Scheme> {
  /**
   * @param scheme a scheme id or a custom-scheme description
   * @param secret one secret, or several during a rotation (any may match)
   * @throws WebhookVerificationError `invalid_secret`; TypeError `invalid_argument`
   */
  constructor(scheme: S, secret: Secret | readonly Secret[], options?: WebhookOptions);
  /** The scheme id (`"custom"` for a custom scheme). */
  readonly scheme: string;
  /** The lower-case names of the headers this scheme reads. */
  readonly headerNames: string[];
  /** Verifies signature and timestamp, parses and validates the JSON body. */
  verify(payload: Payload, headers: HeadersLike, options?: VerifyOptions): EventFor<S>;
  /** Verifies signature and timestamp only (for non-JSON bodies). */
  verifySignature(payload: Payload, headers: HeadersLike, options?: VerifyOptions): void;
  /** The headers the provider would send, in its spelling and order. */
  sign(payload: Payload, options?: SignOptions): Record<string, string>;
}

/** PRODUCT.md's error codes, in its order. */
export declare const ERROR_CODES: readonly ErrorCode[];
/** The HTTP status a receiver answers a refusal with (the core's table, the same in every binding): 401 untrusted, 400 malformed, 409 replay, 413 too large, 500 misconfigured. */
export declare function httpStatus(code: ErrorCode | string): number;
/** The built-in scheme ids. */
export declare const SCHEMES: readonly SchemeId[];
/** Which backend runs the core: `"native"` (napi-rs) or `"wasm"`. */
export declare const backend: 'native' | 'wasm';

/** Options shared by the framework helpers (hookseal/express, /fastify, /next, /lambda). */
export type HelperOptions<S extends Scheme = Scheme> = (
  | ({ scheme: S; secret: Secret | readonly Secret[]; webhook?: undefined } & WebhookOptions)
  | { webhook: Webhook<S>; scheme?: undefined; secret?: undefined; maxPayloadBytes?: number }
) & {
  /** `'event'` (default): `verify`, the event is handed on; `'signature'`: `verifySignature` only. */
  verify?: 'event' | 'signature';
  /** Addresses and CIDR ranges (IPv4, IPv6) allowed to deliver; others get 403. */
  allowIps?: readonly string[];
  /** Where the sender's address comes from (default: the framework's client IP). */
  getIp?: (request: any) => string | undefined;
};
