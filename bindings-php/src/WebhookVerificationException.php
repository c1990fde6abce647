<?php

declare(strict_types=1);

namespace Hookseal;

/**
 * A delivery was refused, or a Webhook could not be built.
 *
 * The code is one of PRODUCT.md's strings ("signature_mismatch",
 * "timestamp_too_old", "invalid_secret", …): read it with getErrorCode() or
 * the public $code property (a string, as PDOException's is). The message says
 * what to do. getHttpStatus() is the status a receiver answers with, the same
 * in every binding's framework helpers (401 untrusted, 400 malformed, 409
 * replay, 413 too large, 500 misconfigured).
 */
class WebhookVerificationException extends \RuntimeException
{
    /** @var string PRODUCT.md's error code. */
    public $code;

    public function __construct(
        string $code,
        string $message,
        private int $httpStatus = 500,
        ?\Throwable $previous = null,
    ) {
        parent::__construct($message, 0, $previous);
        $this->code = $code;
    }

    /** The HTTP status to answer the sender with, e.g. 401 for "signature_mismatch". */
    public function getHttpStatus(): int
    {
        return $this->httpStatus;
    }

    /** PRODUCT.md's error code, e.g. "signature_mismatch". */
    public function getErrorCode(): string
    {
        return $this->code;
    }
}
