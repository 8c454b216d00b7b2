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
#include <libxml/parserInternals.h>
#include <libxml/xmlreader.h>
#include <string.h>

/// `xmlFree` is a global function-pointer variable; Swift 6 rejects reading it from
/// non-isolated code. Calling through a static inline function keeps strict checking on.
static inline void clibxml2_free(void *pointer) {
    xmlFree(pointer);
}

/// The runtime libxml2 version string, e.g. "20914".
static inline const char *clibxml2_parser_version(void) {
    return xmlParserVersion;
}

/// Parses HTML with libxml2's own parser, delivering its events to `handler` instead of to
/// libxml2's tree builder. The steps are `htmlReadMemory`'s (libxml2 2.9): a memory parser
/// context given the HTML handler table, the options, the encoding stated as UTF-8 (so a
/// `<meta charset>` never switches it), then `htmlParseDocument`. The context is the callbacks'
/// first argument; `builder` is in its `_private` field. Returns -1 when no context could be made.
static inline int clibxml2_html_sax_parse(const char *buffer, int size, const xmlSAXHandler *handler, void *builder,
                                          int options) {
    xmlParserCtxtPtr context = xmlCreateMemoryParserCtxt(buffer, size);
    if (context == NULL) return -1;
    if (context->sax != NULL) memcpy(context->sax, handler, sizeof(xmlSAXHandlerV1));
    context->_private = builder;
    htmlCtxtUseOptions(context, options);
    context->html = 1;
    xmlCharEncodingHandlerPtr utf8 = xmlFindCharEncodingHandler("UTF-8");
    if (utf8 != NULL) {
        xmlSwitchToEncoding(context, utf8);
        if (context->input->encoding != NULL) xmlFree((xmlChar *)context->input->encoding);
        context->input->encoding = xmlStrdup((const xmlChar *)"UTF-8");
    }
    htmlParseDocument(context);
    if (context->myDoc != NULL) {
        xmlFreeDoc(context->myDoc);
        context->myDoc = NULL;
    }
    xmlFreeParserCtxt(context);
    return 0;
}

#endif
