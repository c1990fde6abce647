<?php

declare(strict_types=1);

namespace Hookseal;

use FFI;
use FFI\CData;

/**
 * Owns the native verifier; frees it when the last Webhook using it goes.
 *
 * @internal
 */
final class WebhookHandle
{
    public function __construct(private FFI $ffi, public CData $ptr)
    {
    }

    public function __destruct()
    {
        $this->ffi->hookseal_webhook_free($this->ptr);
    }
}
