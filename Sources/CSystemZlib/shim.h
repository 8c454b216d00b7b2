// zlib, for reading .warc.gz web archives (gzip members, inflated one after another) and the
// deflated entries of DOCX and XLSX containers.
#ifndef GONGWEN_CZLIB_SHIM_H
#define GONGWEN_CZLIB_SHIM_H
#include <zlib.h>

/// inflateInit2 is a macro; Swift needs a function.
static inline int czlib_inflate_init_gzip(z_stream *stream) {
    return inflateInit2(stream, 15 + 32);
}
/// A raw deflate stream (a ZIP entry's data: no zlib or gzip header).
static inline int czlib_inflate_init_raw(z_stream *stream) {
    return inflateInit2(stream, -15);
}
/// A gzip member writer (a .warc.gz record is one member).
static inline int czlib_deflate_init_gzip(z_stream *stream, int level) {
    return deflateInit2(stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
}
#endif
