<?php

declare(strict_types=1);

namespace Hookseal\Laravel;

use Closure;
use Hookseal\WebhookVerificationException;
use Illuminate\Http\JsonResponse;
use Illuminate\Http\Request;

/**
 * Route middleware: `->middleware('hookseal:stripe')` verifies the delivery
 * with the webhook configured as 'stripe' in config/hookseal.php and puts the
 * verified event on the request ($request->webhookEvent(), or the request
 * attribute 'hookseal.event'). `hookseal:github,signature` checks only the
 * signature, for bodies that are not JSON events.
 *
 * A refused delivery gets a JSON error naming the code,
 * {"error": "signature_mismatch", "message": "…"}, with the status the core
 * assigns to the code (the same in every binding): 401 when the delivery
 * cannot be trusted (signature, timestamp), 400 when it is malformed (missing
 * or malformed headers, invalid payload), 409 for a replay, 413 when too large.
 */
final class VerifyWebhook
{
    public const ATTRIBUTE = 'hookseal.event';

    public function __construct(private WebhookRegistry $webhooks)
    {
    }

    public function handle(Request $request, Closure $next, string $name, string $mode = 'event'): mixed
    {
        $webhook = $this->webhooks->get($name);
        try {
            if ($mode === 'signature') {
                $webhook->verifySignature($request->getContent(), $request->headers->all());
            } else {
                $request->attributes->set(self::ATTRIBUTE, $webhook->verify($request->getContent(), $request->headers->all()));
            }
        } catch (WebhookVerificationException $e) {
            return new JsonResponse(
                ['error' => $e->getErrorCode(), 'message' => $e->getMessage()],
                $e->getHttpStatus(),
            );
        }
        return $next($request);
    }
}
