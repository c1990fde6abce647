// Test-only secrets shared by the receivers (inside each runtime) and the
// senders (in Node). Plain constants, so every bundler and runtime can load it.
export const STANDARD_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'; // base64 of 24 bytes
export const GITHUB_SECRET = 'it-is-a-secret-to-everybody';
// Ed25519 public key (whpk_) of the seed 0x07 × 32, which the senders sign with.
export const ED25519_PUBLIC = 'whpk_6kpsY+KcUgq+9VB7Ey7F+ZVHdq6+vnuSQh7qaRRG0iw=';
export const ED25519_SEED_HEX = '07'.repeat(32);
