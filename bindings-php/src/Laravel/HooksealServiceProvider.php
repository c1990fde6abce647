<?php

declare(strict_types=1);

namespace Hookseal\Laravel;

use Hookseal\Webhook;
use Illuminate\Http\Request;
use Illuminate\Routing\Router;
use Illuminate\Support\ServiceProvider;

/**
 * Registers the `hookseal` route middleware, the `hookseal` config, one
 * Webhook per configured name (built once per process), and
 * `$request->webhookEvent()`.
 */
final class HooksealServiceProvider extends ServiceProvider
{
    public function register(): void
    {
        $this->mergeConfigFrom(dirname(__DIR__, 2) . '/config/hookseal.php', 'hookseal');
        $this->app->singleton(WebhookRegistry::class, fn ($app) => new WebhookRegistry($app['config']));
    }

    public function boot(Router $router): void
    {
        $router->aliasMiddleware('hookseal', VerifyWebhook::class);
        if (!Request::hasMacro('webhookEvent')) {
            Request::macro('webhookEvent', function () {
                /** @var Request $this */
                return $this->attributes->get(VerifyWebhook::ATTRIBUTE);
            });
        }
        if ($this->app->runningInConsole()) {
            $this->publishes([dirname(__DIR__, 2) . '/config/hookseal.php' => $this->app->configPath('hookseal.php')], 'hookseal-config');
        }
    }
}
