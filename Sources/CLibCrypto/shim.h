// The only header Swift sees of OpenSSL's libcrypto: SHA-256 (and SHA-1, for WARC digests) through the EVP interface,
// which uses the CPU's SHA extensions where there are any (a pure-Swift loop hashed ten times
// slower and was a twentieth of the extraction time).
#ifndef GONGWEN_CLIBCRYPTO_SHIM_H
#define GONGWEN_CLIBCRYPTO_SHIM_H

#include <openssl/evp.h>

#endif
