/* C smoke test of libhookseal: compiles against include/hookseal.h and runs
 * every conformance vector (converted by vectors_to_lines.py, read on stdin)
 * through the C ABI, both header shapes (array of structs and packed), then
 * the ABI's own edge cases. Run under valgrind by `make test-php`.
 *
 *   python3 vectors_to_lines.py | ./smoke [minimum-case-count]
 *
 * Prints one line per failure and ends with "N passed, N failed". */
#define _GNU_SOURCE
#include "hookseal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ITEMS 64
#define MESSAGE_CAP 512

typedef struct {
    unsigned char *ptr;
    size_t len;
} buf;

typedef struct {
    char id[256];
    char op[16];
    char expect[64];
    buf scheme;
    int custom;
    buf custom_fields[9];
    int custom_set[9];
    buf description;
    buf secrets[MAX_ITEMS];
    size_t n_secrets;
    hookseal_options options;
    buf header_names[MAX_ITEMS], header_values[MAX_ITEMS];
    size_t n_headers;
    buf body;
    int64_t now, timestamp;
    buf msgid;
    int has_msgid;
    buf prefix, suffix;
    buf sign_names[MAX_ITEMS], sign_values[MAX_ITEMS];
    size_t n_sign;
} vector_case;

#define N_CUSTOM 9
static const char *CUSTOM_FIELDS[N_CUSTOM] = {"signature_header", "prefix",         "encoding",         "id_header",
                                              "timestamp_header", "template",       "event_id_field",   "event_type_field",
                                              "event_timestamp_field"};

static void die(const char *what) {
    fprintf(stderr, "smoke: %s\n", what);
    exit(2);
}

static buf unhex(const char *text) {
    buf b = {NULL, 0};
    size_t n = strlen(text);
    if (strcmp(text, "-empty-") == 0) {
        n = 0;
    }
    if (n % 2) die("odd hex length");
    b.ptr = malloc(n / 2 + 1);
    if (!b.ptr) die("out of memory");
    for (size_t i = 0; i < n / 2; i++) {
        unsigned int byte;
        if (sscanf(text + 2 * i, "%2x", &byte) != 1) die("bad hex");
        b.ptr[i] = (unsigned char)byte;
    }
    b.len = n / 2;
    b.ptr[b.len] = 0;
    return b;
}

static void free_buf(buf *b) {
    free(b->ptr);
    b->ptr = NULL;
    b->len = 0;
}

static void free_case(vector_case *c) {
    free_buf(&c->scheme);
    for (int i = 0; i < N_CUSTOM; i++) free_buf(&c->custom_fields[i]);
    free_buf(&c->description);
    for (size_t i = 0; i < c->n_secrets; i++) free_buf(&c->secrets[i]);
    for (size_t i = 0; i < c->n_headers; i++) {
        free_buf(&c->header_names[i]);
        free_buf(&c->header_values[i]);
    }
    free_buf(&c->body);
    free_buf(&c->msgid);
    free_buf(&c->prefix);
    free_buf(&c->suffix);
    for (size_t i = 0; i < c->n_sign; i++) {
        free_buf(&c->sign_names[i]);
        free_buf(&c->sign_values[i]);
    }
}

static hookseal_str view(const buf *b) {
    hookseal_str s = {(const char *)b->ptr, b->len};
    return s;
}

/* Packs headers as hookseal_verify_*_packed expects them. */
static buf pack_headers(const vector_case *c) {
    size_t total = 0;
    for (size_t i = 0; i < c->n_headers; i++) total += 8 + c->header_names[i].len + c->header_values[i].len;
    buf b = {malloc(total + 1), total};
    if (!b.ptr) die("out of memory");
    unsigned char *p = b.ptr;
    for (size_t i = 0; i < c->n_headers; i++) {
        uint32_t lens[2] = {(uint32_t)c->header_names[i].len, (uint32_t)c->header_values[i].len};
        for (int k = 0; k < 2; k++) {
            for (int j = 0; j < 4; j++) *p++ = (unsigned char)(lens[k] >> (8 * j)); /* little-endian */
        }
        memcpy(p, c->header_names[i].ptr, c->header_names[i].len);
        p += c->header_names[i].len;
        memcpy(p, c->header_values[i].ptr, c->header_values[i].len);
        p += c->header_values[i].len;
    }
    return b;
}

static int starts_with(const char *s, size_t n, const buf *prefix) {
    return prefix->ptr == NULL || (n >= prefix->len && memcmp(s, prefix->ptr, prefix->len) == 0);
}

static int ends_with(const char *s, size_t n, const buf *suffix) {
    return suffix->ptr == NULL || (n >= suffix->len && memcmp(s + n - suffix->len, suffix->ptr, suffix->len) == 0);
}

/* Runs one case; returns NULL on success or a static description of the failure. */
static const char *run_case(vector_case *c, char *detail, size_t detail_cap) {
    hookseal_webhook *wh = NULL;
    char message[MESSAGE_CAP];
    size_t message_len = 0;
    hookseal_str secrets[MAX_ITEMS];
    for (size_t i = 0; i < c->n_secrets; i++) secrets[i] = view(&c->secrets[i]);
    hookseal_result rc;
    if (c->custom) {
        hookseal_str f[N_CUSTOM];
        for (int i = 0; i < N_CUSTOM; i++) {
            f[i] = view(&c->custom_fields[i]);
            if (!c->custom_set[i]) f[i].ptr = NULL;
        }
        hookseal_custom_scheme scheme = {f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8]};
        rc = hookseal_webhook_new_custom(&scheme, secrets, c->n_secrets, &c->options, &wh, message, sizeof message, &message_len);
        /* The portable JSON description must build the same verifier. */
        hookseal_webhook *other = NULL;
        hookseal_result rc2 = hookseal_webhook_new_from_description((const char *)c->description.ptr, c->description.len, secrets,
                                                                    c->n_secrets, &c->options, &other, NULL, 0, NULL);
        hookseal_webhook_free(other);
        if (rc2 != rc) {
            hookseal_webhook_free(wh);
            snprintf(detail, detail_cap, "struct gave %s, description %s", hookseal_result_code((uint32_t)rc),
                     hookseal_result_code((uint32_t)rc2));
            return "custom scheme built two ways disagrees";
        }
    } else {
        rc = hookseal_webhook_new((const char *)c->scheme.ptr, c->scheme.len, secrets, c->n_secrets, &c->options, &wh, message,
                                  sizeof message, &message_len);
    }
    const char *code = hookseal_result_code((uint32_t)rc);
    if (rc != HOOKSEAL_RESULT_OK) {
        snprintf(detail, detail_cap, "construction: %s (%s)", code, message);
        return strcmp(code, c->expect) == 0 ? NULL : "wrong result";
    }

    const char *failure = NULL;
    if (strcmp(c->op, "sign") == 0) {
        hookseal_signed_headers *out = NULL;
        rc = hookseal_sign(wh, c->body.ptr, c->body.len, c->timestamp, c->has_msgid ? (const char *)c->msgid.ptr : NULL,
                           c->has_msgid ? c->msgid.len : 0, &out, message, sizeof message, &message_len);
        if (strcmp(c->expect, "ok") != 0) {
            /* a refused argument: the expected code, and nothing to free */
            snprintf(detail, detail_cap, "sign: %s (%s)", hookseal_result_code((uint32_t)rc), message);
            if (strcmp(hookseal_result_code((uint32_t)rc), c->expect) != 0 || out != NULL) failure = "wrong result";
        } else if (rc != HOOKSEAL_RESULT_OK) {
            snprintf(detail, detail_cap, "sign: %s (%s)", hookseal_result_code((uint32_t)rc), message);
            failure = "sign failed";
        } else if (hookseal_signed_headers_len(out) != c->n_sign) {
            snprintf(detail, detail_cap, "sign: %zu headers, expected %zu", hookseal_signed_headers_len(out), c->n_sign);
            failure = "wrong header count";
        } else {
            for (size_t i = 0; i < c->n_sign && !failure; i++) {
                hookseal_str name, value;
                if (hookseal_signed_headers_get(out, i, &name, &value) != HOOKSEAL_RESULT_OK || name.len != c->sign_names[i].len ||
                    memcmp(name.ptr, c->sign_names[i].ptr, name.len) != 0 || value.len != c->sign_values[i].len ||
                    memcmp(value.ptr, c->sign_values[i].ptr, value.len) != 0 || name.ptr[name.len] != 0) {
                    snprintf(detail, detail_cap, "sign: header %zu differs", i);
                    failure = "wrong header";
                }
            }
        }
        hookseal_signed_headers_free(out);
        hookseal_webhook_free(wh);
        return failure;
    }

    hookseal_header headers[MAX_ITEMS];
    for (size_t i = 0; i < c->n_headers; i++) {
        headers[i].name = view(&c->header_names[i]);
        headers[i].value = view(&c->header_values[i]);
    }
    buf packed = pack_headers(c);
    int event = strcmp(c->op, "event") == 0;
    hookseal_result packed_rc;
    char *json = NULL, *packed_json = NULL;
    size_t json_len = 0;
    if (event) {
        rc = hookseal_verify(wh, c->body.ptr, c->body.len, headers, c->n_headers, c->now, HOOKSEAL_EVENT_FORMAT_FULL, &json, &json_len,
                             message, sizeof message,
                             &message_len);
        packed_rc = hookseal_verify_packed(wh, c->body.ptr, c->body.len, (const char *)packed.ptr, packed.len, c->now,
                                           HOOKSEAL_EVENT_FORMAT_DATA_PATH, &packed_json,
                                           NULL, NULL, 0, NULL);
    } else {
        rc = hookseal_verify_signature(wh, c->body.ptr, c->body.len, headers, c->n_headers, c->now, message, sizeof message,
                                       &message_len);
        packed_rc = hookseal_verify_signature_packed(wh, c->body.ptr, c->body.len, (const char *)packed.ptr, packed.len, c->now,
                                                     NULL, 0, NULL);
    }
    code = hookseal_result_code((uint32_t)rc);
    snprintf(detail, detail_cap, "%s (%s)", code, message);
    if (strcmp(code, c->expect) != 0) {
        failure = "wrong result";
    } else if (packed_rc != rc) {
        failure = "packed headers gave another result";
    } else if (rc != HOOKSEAL_RESULT_OK && (message_len == 0 || strlen(message) != (message_len < MESSAGE_CAP ? message_len : MESSAGE_CAP - 1))) {
        failure = "no message, or a message of the wrong length";
    } else if (event && rc == HOOKSEAL_RESULT_OK) {
        if (json == NULL || strlen(json) != json_len) {
            failure = "no event JSON, or its length is wrong";
        } else if (!starts_with(json, json_len, &c->prefix) || !ends_with(json, json_len, &c->suffix)) {
            snprintf(detail, detail_cap, "event JSON %.200s", json);
            failure = "event fields differ";
        }
    }
    hookseal_string_free(json);
    hookseal_string_free(packed_json);
    free_buf(&packed);
    hookseal_webhook_free(wh);
    return failure;
}

/* The ABI's own promises: NULL checks, NULL-tolerant frees, cut messages. */
static int edge_cases(void) {
    int failed = 0;
#define CHECK(cond)                                                  \
    do {                                                             \
        if (!(cond)) {                                               \
            printf("FAIL edge case line %d: %s\n", __LINE__, #cond); \
            failed++;                                                \
        }                                                            \
    } while (0)
    hookseal_webhook_free(NULL);
    hookseal_string_free(NULL);
    hookseal_signed_headers_free(NULL);
    CHECK(hookseal_signed_headers_len(NULL) == 0);
    CHECK(strcmp(hookseal_result_code(HOOKSEAL_RESULT_SIGNATURE_MISMATCH), "signature_mismatch") == 0);
    CHECK(strcmp(hookseal_result_code(999), "unknown") == 0);
    CHECK(hookseal_result_http_status(HOOKSEAL_RESULT_SIGNATURE_MISMATCH) == 401);
    CHECK(hookseal_result_http_status(HOOKSEAL_RESULT_OK) == 200);
    CHECK(strlen(hookseal_version()) > 0);

    hookseal_webhook *wh = NULL;
    char small[8];
    size_t len = 0;
    CHECK(hookseal_webhook_new(NULL, 6, NULL, 0, NULL, &wh, small, sizeof small, &len) == HOOKSEAL_RESULT_INVALID_ARGUMENT);
    CHECK(wh == NULL && strlen(small) == 7 && len > 7);
    CHECK(hookseal_webhook_new("nope", 4, NULL, 0, NULL, &wh, NULL, 0, NULL) == HOOKSEAL_RESULT_INVALID_ARGUMENT && wh == NULL);

    hookseal_str secret = {"It's a Secret to Everybody", 26};
    hookseal_options options = hookseal_options_default();
    CHECK(options.tolerance == 300 && !options.strict && options.max_payload_bytes == 10u << 20);
    CHECK(hookseal_webhook_new("GitHub", 6, &secret, 1, &options, &wh, NULL, 0, NULL) == HOOKSEAL_RESULT_OK);
    CHECK(hookseal_webhook_new("github", 6, &secret, 1, NULL, NULL, NULL, 0, NULL) == HOOKSEAL_RESULT_INVALID_ARGUMENT);

    /* GitHub's documented example; the header value is followed by bytes that must not be read. */
    const char *value = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17JUNK";
    hookseal_header h = {{"x-HUB-signature-256", 19}, {value, 71}};
    CHECK(hookseal_verify_signature(wh, "Hello, World!", 13, &h, 1, -1, NULL, 0, NULL) == HOOKSEAL_RESULT_OK);
    CHECK(hookseal_verify_signature(wh, "Hello, World!", 12, &h, 1, -1, NULL, 0, NULL) == HOOKSEAL_RESULT_SIGNATURE_MISMATCH);
    CHECK(hookseal_verify_signature(wh, NULL, 13, &h, 1, -1, NULL, 0, NULL) == HOOKSEAL_RESULT_INVALID_ARGUMENT);
    CHECK(hookseal_verify_signature(wh, "x", 1, NULL, 1, -1, NULL, 0, NULL) == HOOKSEAL_RESULT_INVALID_ARGUMENT);
    CHECK(hookseal_verify_signature(NULL, "x", 1, &h, 1, -1, NULL, 0, NULL) == HOOKSEAL_RESULT_INVALID_ARGUMENT);
    CHECK(hookseal_verify_signature(wh, "x", 1, NULL, 0, -1, NULL, 0, NULL) == HOOKSEAL_RESULT_MISSING_HEADER);
    char truncated[3] = {1, 0, 0};
    CHECK(hookseal_verify_signature_packed(wh, "x", 1, truncated, 3, -1, NULL, 0, NULL) == HOOKSEAL_RESULT_INVALID_ARGUMENT);
    char *json = (char *)"untouched";
    /* The signature is good but a GitHub event also needs X-GitHub-Event: nothing is returned. */
    CHECK(hookseal_verify(wh, "Hello, World!", 13, &h, 1, -1, HOOKSEAL_EVENT_FORMAT_FULL, &json, NULL, NULL, 0, NULL) ==
          HOOKSEAL_RESULT_MISSING_HEADER);
    CHECK(hookseal_verify(wh, "Hello, World!", 13, &h, 1, -1, 7, &json, NULL, NULL, 0, NULL) == HOOKSEAL_RESULT_INVALID_ARGUMENT);
    CHECK(strcmp(json, "untouched") == 0);
    hookseal_str names;
    CHECK(hookseal_webhook_header_names(wh, &names) == HOOKSEAL_RESULT_OK);
    CHECK(names.len >= 19 && memcmp(names.ptr, "x-hub-signature-256", 19) == 0);
    CHECK(hookseal_webhook_header_names(wh, NULL) == HOOKSEAL_RESULT_INVALID_ARGUMENT);

    hookseal_signed_headers *out = NULL;
    CHECK(hookseal_sign(wh, "Hello, World!", 13, -1, NULL, 0, &out, NULL, 0, NULL) == HOOKSEAL_RESULT_OK);
    hookseal_str n, v;
    CHECK(hookseal_signed_headers_get(out, 0, &n, &v) == HOOKSEAL_RESULT_OK && v.len == 71 && memcmp(v.ptr, value, 71) == 0);
    CHECK(hookseal_signed_headers_get(out, 1, &n, &v) == HOOKSEAL_RESULT_INVALID_ARGUMENT);
    CHECK(hookseal_signed_headers_get(out, 0, NULL, &v) == HOOKSEAL_RESULT_INVALID_ARGUMENT);
    hookseal_signed_headers_free(out);
    hookseal_webhook_free(wh);
    return failed;
}

static int starts(const char *line, const char *word) {
    size_t n = strlen(word);
    return strncmp(line, word, n) == 0 && line[n] == ' ';
}

int main(int argc, char **argv) {
    long minimum = argc > 1 ? strtol(argv[1], NULL, 10) : 1;
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    long passed = 0, failed = 0, declared = -1;
    vector_case c;
    memset(&c, 0, sizeof c);
    int in_case = 0;
    while ((n = getline(&line, &cap, stdin)) > 0) {
        if (line[n - 1] == '\n') line[--n] = 0;
        char a[256], b[4096];
        if (starts(line, "case")) {
            memset(&c, 0, sizeof c);
            c.options = hookseal_options_default();
            c.now = -1;
            c.timestamp = -1;
            snprintf(c.id, sizeof c.id, "%s", line + 5);
            in_case = 1;
        } else if (starts(line, "cases")) {
            declared = strtol(line + 6, NULL, 10);
        } else if (!in_case) {
            die("a field outside a case");
        } else if (starts(line, "op")) {
            snprintf(c.op, sizeof c.op, "%s", line + 3);
        } else if (starts(line, "expect")) {
            snprintf(c.expect, sizeof c.expect, "%s", line + 7);
        } else if (starts(line, "scheme")) {
            c.scheme = unhex(line + 7);
        } else if (starts(line, "custom")) {
            if (sscanf(line + 7, "%255s %4095s", a, b) != 2) die("bad custom line");
            c.custom = 1;
            for (int i = 0; i < N_CUSTOM; i++) {
                if (strcmp(a, CUSTOM_FIELDS[i]) == 0 && strcmp(b, "-") != 0) {
                    c.custom_fields[i] = unhex(b);
                    c.custom_set[i] = 1;
                }
            }
        } else if (starts(line, "description")) {
            c.description = unhex(line + 12);
        } else if (starts(line, "secret")) {
            if (c.n_secrets == MAX_ITEMS) die("too many secrets");
            c.secrets[c.n_secrets++] = unhex(line + 7);
        } else if (starts(line, "option")) {
            long long value;
            if (sscanf(line + 7, "%255s %lld", a, &value) != 2) die("bad option line");
            if (strcmp(a, "tolerance") == 0) c.options.tolerance = (uint64_t)value;
            if (strcmp(a, "strict") == 0) c.options.strict = value != 0;
            if (strcmp(a, "max_payload_bytes") == 0) c.options.max_payload_bytes = (size_t)value;
        } else if (starts(line, "header") || starts(line, "sign_header")) {
            int sign = line[0] == 's';
            char *rest = line + (sign ? 12 : 7);
            char *space = strchr(rest, ' ');
            if (!space) die("bad header line");
            *space = 0;
            size_t *count = sign ? &c.n_sign : &c.n_headers;
            if (*count == MAX_ITEMS) die("too many headers");
            (sign ? c.sign_names : c.header_names)[*count] = unhex(rest);
            (sign ? c.sign_values : c.header_values)[*count] = unhex(space + 1);
            (*count)++;
        } else if (starts(line, "body")) {
            c.body = unhex(line + 5);
        } else if (starts(line, "repeat")) {
            long count;
            if (sscanf(line + 7, "%4095s %ld", b, &count) != 2) die("bad repeat line");
            buf unit = unhex(b);
            c.body.len = unit.len * (size_t)count;
            c.body.ptr = malloc(c.body.len + 1);
            if (!c.body.ptr) die("out of memory");
            for (long i = 0; i < count; i++) memcpy(c.body.ptr + (size_t)i * unit.len, unit.ptr, unit.len);
            free_buf(&unit);
        } else if (starts(line, "now")) {
            c.now = strtoll(line + 4, NULL, 10);
        } else if (starts(line, "timestamp")) {
            c.timestamp = strtoll(line + 10, NULL, 10);
        } else if (starts(line, "msgid")) {
            if (strcmp(line + 6, "-") != 0) {
                c.msgid = unhex(line + 6);
                c.has_msgid = 1;
            }
        } else if (starts(line, "prefix")) {
            c.prefix = unhex(line + 7);
        } else if (starts(line, "suffix")) {
            c.suffix = unhex(line + 7);
        } else if (strcmp(line, "end") == 0) {
            char detail[1024] = "";
            const char *failure = run_case(&c, detail, sizeof detail);
            if (failure) {
                printf("FAIL %s: %s: %s, expected %s\n", c.id, failure, detail, c.expect);
                failed++;
            } else {
                passed++;
            }
            free_case(&c);
            in_case = 0;
        } else {
            die("unknown line");
        }
    }
    free(line);
    if (declared != passed + failed) {
        printf("FAIL: the input declared %ld cases, %ld ran\n", declared, passed + failed);
        failed++;
    }
    if (passed + failed < minimum) {
        printf("FAIL: only %ld cases, fewer than the minimum %ld\n", passed + failed, minimum);
        failed++;
    }
    int edge_failed = edge_cases();
    printf("C smoke test: %ld vector cases and the ABI edge cases\n", passed + failed);
    printf("%ld passed, %ld failed\n", passed + (edge_failed ? 0 : 1), failed + edge_failed);
    return failed || edge_failed ? 1 : 0;
}
