/**
 * The Cost Katana SDK's check: true when `signature` (X-CostKatana-Signature)
 * is valid for the raw `payload`, `timestamp` (X-CostKatana-Timestamp) and
 * `secret`, within 300 s of now. Constant time; both signature forms.
 */
export declare function verifyWebhookSignature(
  payload: string | Uint8Array | ArrayBuffer,
  timestamp: string | number | null | undefined,
  signature: string | null | undefined,
  secret: string,
): boolean;
