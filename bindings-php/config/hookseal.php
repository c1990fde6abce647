<?php

// Published as config/hookseal.php. Each entry under 'webhooks' is a name to
// use in routes: Route::post('/webhooks/stripe', …)->middleware('hookseal:stripe').
//   scheme           a scheme id, or a custom-scheme array (docs/SEMANTICS.md); default: the entry's name
//   secret           the signing secret, or a list of them (rotation)
//   tolerance        allowed clock difference in seconds (default 300; 0 = off)
//   strict           refuse event types that are not in the provider's catalog
//   max_payload_bytes  largest body accepted (default 10 MiB)
//   replay_guard     'cache': refuse replays (duplicate_event, 409) through Laravel's cache, shared by
//                    every worker — the choice under PHP-FPM or `artisan serve`; or true /
//                    ['capacity' => …, 'ttl' => …]: the core's in-process memory, which helps only
//                    where workers outlive a request (Octane)
return [
    'webhooks' => [
        'stripe' => ['scheme' => 'stripe', 'secret' => env('HOOKSEAL_STRIPE_SECRET')],
        'github' => ['scheme' => 'github', 'secret' => env('HOOKSEAL_GITHUB_SECRET')],
        'standard' => ['scheme' => 'standard', 'secret' => env('HOOKSEAL_STANDARD_SECRET')],
        'smartaihub' => ['scheme' => 'smartaihub', 'secret' => env('HOOKSEAL_SMARTAIHUB_SECRET')],
    ],
];
