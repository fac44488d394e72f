#ifndef INCIDENTMAP_CCURL_SHIM_H
#define INCIDENTMAP_CCURL_SHIM_H
// libcurl (libcurl4-openssl-dev or libcurl4-gnutls-dev; pkg-config name libcurl): HTTPS for `acled pull`. Used only by
// ACLEDPull, behind HTTPClient (which owns and frees every handle). curl_easy_setopt and curl_easy_getinfo are
// variadic, which Swift cannot call: these typed wrappers call them.
#include <curl/curl.h>

typedef size_t (*im_curl_callback)(char *data, size_t size, size_t count, void *context);

static inline CURLcode im_curl_set_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode im_curl_set_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode im_curl_set_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode im_curl_set_callback(CURL *handle, CURLoption option, im_curl_callback value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode im_curl_response_code(CURL *handle, long *code) {
    return curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, code);
}
#endif
