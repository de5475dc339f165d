// Tells GnuTLS not to initialize itself when it is loaded: the hook gnutls/gnutls.h documents as
// GNUTLS_SKIP_GLOBAL_INIT (its load-time constructor calls this weak function first and returns
// when it says 1; glib-networking uses it the same way).
//
// Why: vestige-crawl never uses GnuTLS itself. Debian's libcurl does TLS with OpenSSL and only
// drags GnuTLS in as a dependency of librtmp and libldap, yet GnuTLS's implicit initialization
// (which also loads the p11-kit modules) cost 0.7 MB of peak RSS: `vestige-crawl --help` peaked
// at 11.3 MB with it and 10.5 MB without, the bench crawl (issue 3) at 17.7 MB and 16.9 MB.
// A libcurl built on GnuTLS still works: its curl_global_init calls gnutls_global_init, which
// is what skipping the implicit one asks for. Exported by a link option (crawler/CMakeLists.txt)
// so that GnuTLS's reference resolves to it.
extern "C" [[gnu::visibility("default"), gnu::used]] int _gnutls_global_init_skip() { return 1; }
