<?php

declare(strict_types=1);

namespace Hookseal\Laravel;

use Hookseal\Webhook;
use Illuminate\Contracts\Config\Repository;

/**
 * Builds each configured Webhook once and keeps it: the secrets' HMAC states
 * are prepared when a Webhook is built, not per request.
 */
final class WebhookRegistry
{
    /** @var array<string, Webhook> */
    private array $webhooks = [];

    public function __construct(private Repository $config)
    {
    }

    public function get(string $name): Webhook
    {
        return $this->webhooks[$name] ??= $this->build($name);
    }

    /** The webhook's `replay_guard` setting: false, true (in-process) or 'cache'. */
    public function replayGuard(string $name): bool|string
    {
        return $this->config->get("hookseal.webhooks.{$name}.replay_guard", false);
    }

    private function build(string $name): Webhook
    {
        $entry = $this->config->get("hookseal.webhooks.{$name}");
        if (!is_array($entry)) {
            throw new \InvalidArgumentException(
                "hookseal: no webhook named '{$name}' in config/hookseal.php ('webhooks' => ['{$name}' => ['scheme' => …, 'secret' => …]])"
            );
        }
        // A list may name environment variables that are not all set (the
        // previous secret during a rotation): unset ones are left out.
        $secret = $entry['secret'] ?? null;
        if (is_array($secret)) {
            $secret = array_values(array_filter($secret, static fn ($s) => $s !== null && $s !== ''));
        }
        if ($secret === null || $secret === '' || $secret === []) {
            throw new \RuntimeException(
                "hookseal: webhook '{$name}' has no secret: set hookseal.webhooks.{$name}.secret (usually from an environment variable)"
            );
        }
        return new Webhook(
            $entry['scheme'] ?? $name,
            $secret,
            tolerance: (int) ($entry['tolerance'] ?? 300),
            strict: (bool) ($entry['strict'] ?? false),
            maxPayloadBytes: isset($entry['max_payload_bytes']) ? (int) $entry['max_payload_bytes'] : null,
            // 'cache' is handled by the middleware with Laravel's cache store.
            replayGuard: ($entry['replay_guard'] ?? false) === true,
        );
    }
}
