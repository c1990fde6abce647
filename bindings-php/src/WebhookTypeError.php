<?php

declare(strict_types=1);

namespace Hookseal;

/**
 * An argument of the wrong type: a parsed array as the payload, a number as
 * a secret, headers that are not an array. Carries the code "invalid_argument",
 * like every binding's TypeError.
 */
class WebhookTypeError extends \TypeError
{
    /** @var string Always "invalid_argument". */
    public $code = 'invalid_argument';

    public function __construct(string $message)
    {
        parent::__construct($message);
        $this->code = 'invalid_argument';
    }

    /** Always "invalid_argument". */
    public function getErrorCode(): string
    {
        return $this->code;
    }
}
