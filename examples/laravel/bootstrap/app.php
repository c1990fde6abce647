<?php

// A minimal Laravel 8 application built from Debian's php-laravel-framework
// (/usr/share/php), with hookseal's PHP library loaded from this checkout
// (in your own application: composer require hookseal/hookseal).
require '/usr/share/php/Illuminate/autoload.php';
require dirname(__DIR__, 3) . '/bindings-php/autoload.php';
require __DIR__ . '/../app/Http/Kernel.php';
require __DIR__ . '/../app/Console/Kernel.php';
require __DIR__ . '/../app/Exceptions/Handler.php';
require __DIR__ . '/../app/Providers/RouteServiceProvider.php';
require __DIR__ . '/../app/Http/Controllers/WebhookController.php';

$app = new Illuminate\Foundation\Application(dirname(__DIR__));

// Everything Laravel writes (caches, logs) goes to a scratch directory, so
// the checkout stays clean and parallel runs do not collide.
$storage = getenv('HOOKSEAL_APP_STORAGE') ?: sys_get_temp_dir() . '/hookseal-laravel-example';
foreach (['', '/framework/cache/data', '/framework/views', '/logs', '/bootstrap'] as $dir) {
    is_dir($storage . $dir) || mkdir($storage . $dir, 0777, true);
}
$app->useStoragePath($storage);
foreach (['APP_SERVICES_CACHE' => 'services', 'APP_PACKAGES_CACHE' => 'packages', 'APP_CONFIG_CACHE' => 'config', 'APP_ROUTES_CACHE' => 'routes', 'APP_EVENTS_CACHE' => 'events'] as $var => $file) {
    $_SERVER[$var] = $_ENV[$var] = "{$storage}/bootstrap/{$file}.php";
}

$app->singleton(Illuminate\Contracts\Http\Kernel::class, App\Http\Kernel::class);
$app->singleton(Illuminate\Contracts\Console\Kernel::class, App\Console\Kernel::class);
$app->singleton(Illuminate\Contracts\Debug\ExceptionHandler::class, App\Exceptions\Handler::class);

return $app;
