<?php

return [
    'webhooks' => [
        'stripe' => ['scheme' => 'stripe', 'secret' => env('HOOKSEAL_STRIPE_SECRET')],
        'smartaihub' => ['scheme' => 'smartaihub', 'secret' => env('HOOKSEAL_SMARTAIHUB_SECRET'), 'strict' => true],
        'standard' => ['scheme' => 'standard', 'secret' => [env('HOOKSEAL_STANDARD_SECRET'), env('HOOKSEAL_STANDARD_OLD_SECRET')]],
        'github' => ['scheme' => 'github', 'secret' => env('HOOKSEAL_GITHUB_SECRET')],
    ],
];
