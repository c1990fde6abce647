#!/usr/bin/env bash
# Serves tests/laravel-app (Laravel 8 from Debian's php-laravel-framework) over
# real HTTP on loopback with `php -S`, then runs the laravel-http PHPUnit suite
# against it. The server is stopped on every path, success or not.
#   HOOKSEAL_LIB=/path/to/libhookseal.so bindings-php/tests/laravel-http.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
: "${HOOKSEAL_LIB:?set HOOKSEAL_LIB to the path of libhookseal.so}"

scratch=$(mktemp -d)
server_pid=""
cleanup() {
    if [[ -n "$server_pid" ]]; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$scratch"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
random_b64() { head -c "$1" /dev/urandom | base64 | tr -d '\n'; }
# Fresh secrets each run, shared by the app (its config reads them) and the test.
export HOOKSEAL_STRIPE_SECRET="whsec_$(random_b64 24 | tr -d '/+=')"
export HOOKSEAL_SMARTAIHUB_SECRET="$(random_b64 24)"
export HOOKSEAL_GITHUB_SECRET="$(random_b64 24)"
export HOOKSEAL_STANDARD_SECRET="whsec_$(random_b64 24)"
export HOOKSEAL_STANDARD_OLD_SECRET="whsec_$(random_b64 24)"
export HOOKSEAL_APP_STORAGE="$scratch/storage"
export HOOKSEAL_TEST_URL="http://127.0.0.1:$port"

php -d ffi.enable=1 -S "127.0.0.1:$port" -t "$here/laravel-app/public" "$here/laravel-app/public/index.php" \
    >"$scratch/server.log" 2>&1 &
server_pid=$!

up=0
for _ in $(seq 1 100); do
    if php -r '$c = stream_context_create(["http" => ["timeout" => 1]]); exit(@file_get_contents($argv[1] . "/up", false, $c) === false ? 1 : 0);' "$HOOKSEAL_TEST_URL"; then
        up=1
        break
    fi
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
done
if [[ $up != 1 ]]; then
    echo "laravel-http.sh: the Laravel app did not come up on $HOOKSEAL_TEST_URL" >&2
    cat "$scratch/server.log" >&2
    exit 1
fi
echo "laravel-http.sh: Laravel app serving on $HOOKSEAL_TEST_URL (pid $server_pid)"

status=0
php -d ffi.enable=1 /usr/bin/phpunit -c "$here/../phpunit.xml" --testsuite laravel-http || status=$?
if [[ $status != 0 ]]; then
    echo "--- server log ---" >&2
    tail -n 50 "$scratch/server.log" >&2
fi
exit $status
