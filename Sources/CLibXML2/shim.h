// The only header Swift sees of libxml2.
//
// Debian builds libxml2 with ICU. Its headers then pull in ICU's `UErrorCode`, which clashes
// with Foundation's copy ("'UErrorCode' has different definitions in different modules") in
// any module that imports both. Gongwen never uses libxml2's ICU encoders (we decode bytes
// ourselves and hand libxml2 UTF-8), so the macro is undefined before the other headers.
#ifndef GONGWEN_CLIBXML2_SHIM_H
#define GONGWEN_CLIBXML2_SHIM_H

#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/parser.h>

/// `xmlFree` is a global function-pointer variable; Swift 6 rejects reading it from
/// non-isolated code. Calling through a static inline function keeps strict checking on.
static inline void clibxml2_free(void *pointer) {
    xmlFree(pointer);
}

/// The runtime libxml2 version string, e.g. "20914".
static inline const char *clibxml2_parser_version(void) {
    return xmlParserVersion;
}

#endif
