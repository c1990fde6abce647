<?php

declare(strict_types=1);

namespace Hookseal;

use FFI;

/**
 * Loads libhookseal once per process through PHP FFI.
 *
 * The library is found, in order, at:
 *  1. the path in the HOOKSEAL_LIB environment variable;
 *  2. lib/libhookseal.so next to this package (what a release ships);
 *  3. target/release/libhookseal.so of the hookseal checkout this package sits in.
 * The declarations come from hookseal.php.h beside the library, or from the
 * checkout's bindings-ffi/include/hookseal.php.h.
 *
 * @internal
 */
final class Native
{
    private static ?FFI $ffi = null;

    public static function ffi(): FFI
    {
        return self::$ffi ??= self::load();
    }

    /** The path of the library that would be loaded, for messages and diagnostics. */
    public static function libraryPath(): string
    {
        $env = getenv('HOOKSEAL_LIB');
        if (is_string($env) && $env !== '') {
            return $env;
        }
        $package = dirname(__DIR__);
        foreach ([$package . '/lib/libhookseal.so', dirname($package) . '/target/release/libhookseal.so'] as $candidate) {
            if (is_file($candidate)) {
                return $candidate;
            }
        }
        return $package . '/lib/libhookseal.so';
    }

    private static function load(): FFI
    {
        if (!extension_loaded('ffi')) {
            throw new \RuntimeException(
                'hookseal needs PHP\'s FFI extension, which is not loaded: install it (Debian: php-cli ships it) and enable it in php.ini'
            );
        }
        $setting = strtolower((string) ini_get('ffi.enable'));
        if (!in_array($setting, ['1', 'on', 'true', 'yes'], true)) {
            throw new \RuntimeException(
                "hookseal needs PHP FFI, which is disabled here (ffi.enable={$setting}): set ffi.enable=1 in php.ini, or run php -d ffi.enable=1"
            );
        }
        $lib = self::libraryPath();
        if (!is_file($lib)) {
            throw new \RuntimeException(
                "hookseal's native library was not found at {$lib}: build it with `cargo build --release -p hookseal-ffi` and set HOOKSEAL_LIB to the path of libhookseal.so"
            );
        }
        $header = self::headerPath($lib);
        $declarations = @file_get_contents($header);
        if ($declarations === false) {
            throw new \RuntimeException("hookseal's FFI header was not found at {$header}; it belongs next to {$lib}");
        }
        return FFI::cdef($declarations, $lib);
    }

    private static function headerPath(string $lib): string
    {
        $beside = dirname($lib) . '/hookseal.php.h';
        if (is_file($beside)) {
            return $beside;
        }
        return dirname(__DIR__, 2) . '/bindings-ffi/include/hookseal.php.h';
    }
}
