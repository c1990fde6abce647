<?php

// One webhook, named 'provider', configured from the environment:
// HOOKSEAL_SCHEME (stripe, dash, …) and HOOKSEAL_SECRET (comma-separated
// during a rotation). Replays are refused through Laravel's cache, which every
// PHP worker shares (PHP itself forgets everything between requests).
return [
    'webhooks' => [
        'provider' => [
            'scheme' => env('HOOKSEAL_SCHEME', 'smartaihub'),
            'secret' => explode(',', (string) env('HOOKSEAL_SECRET', '')),
            'replay_guard' => 'cache',
        ],
    ],
];
