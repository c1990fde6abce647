<?php

declare(strict_types=1);

namespace Hookseal;

/**
 * A verified, parsed and validated delivery (PRODUCT.md's event shape).
 *
 * Read it as an object ($event->type, $event->inCatalog) or as an array with
 * the JSON keys ($event['type'], $event['in_catalog']); toArray() gives the
 * whole event. JSON objects inside data and payload are PHP arrays.
 *
 * @implements \ArrayAccess<string, mixed>
 */
final class WebhookEvent implements \ArrayAccess, \JsonSerializable
{
    /**
     * @param string      $provider  the scheme id ("stripe", "dash", …, "custom")
     * @param string|null $id        the delivery's id, when the provider sends one
     * @param string|null $type      the event type ("credit.low", "budget:warning", …)
     * @param int|null    $timestamp when the event happened (Unix seconds), when the provider says
     * @param mixed       $data      the envelope's data object, or null
     * @param mixed       $payload   the whole parsed body
     * @param bool        $inCatalog whether the type is in the provider's catalog
     */
    public function __construct(
        public readonly string $provider,
        public readonly ?string $id,
        public readonly ?string $type,
        public readonly ?int $timestamp,
        public readonly mixed $data,
        public readonly mixed $payload,
        public readonly bool $inCatalog,
    ) {
    }

    /**
     * @param array<string, mixed> $event the core's event JSON, decoded: with
     *                                    `data`, or with `data_path` (the keys
     *                                    that lead to data inside payload)
     */
    public static function fromArray(array $event): self
    {
        if (array_key_exists('data', $event)) {
            $data = $event['data'];
        } elseif ($event['data_path'] === null) {
            $data = null;
        } else {
            $data = $event['payload'];
            foreach ($event['data_path'] as $key) {
                $data = $data[$key];
            }
        }
        return new self(
            $event['provider'],
            $event['id'],
            $event['type'],
            $event['timestamp'],
            $data,
            $event['payload'],
            $event['in_catalog'],
        );
    }

    /** @return array{provider: string, id: ?string, type: ?string, timestamp: ?int, data: mixed, payload: mixed, in_catalog: bool} */
    public function toArray(): array
    {
        return [
            'provider' => $this->provider,
            'id' => $this->id,
            'type' => $this->type,
            'timestamp' => $this->timestamp,
            'data' => $this->data,
            'payload' => $this->payload,
            'in_catalog' => $this->inCatalog,
        ];
    }

    public function jsonSerialize(): array
    {
        return $this->toArray();
    }

    public function offsetExists(mixed $offset): bool
    {
        return array_key_exists($offset, $this->toArray());
    }

    public function offsetGet(mixed $offset): mixed
    {
        return $this->toArray()[$offset] ?? null;
    }

    public function offsetSet(mixed $offset, mixed $value): void
    {
        throw new \LogicException('a WebhookEvent is read-only');
    }

    public function offsetUnset(mixed $offset): void
    {
        throw new \LogicException('a WebhookEvent is read-only');
    }
}
