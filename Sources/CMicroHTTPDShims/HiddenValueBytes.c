// Detecting a header field value that goes on past a NUL byte, which
// libmicrohttpd 0.9.75 cuts short: it parses each header line in place, in
// its read buffer, and measures the value with strlen, so the size it
// reports for `Bearer <token>\0junk` is the token's, and it frames a body
// by `Content-Length: 15\0 0` as 15. A proxy in front reads the whole
// value, so the two would disagree (RFC 9110 §5.5: a recipient must refuse
// or replace CR, LF and NUL).
//
// The parsed fields leave a trace that shows it: the request's line and
// header fields lie, in order, in [method, method + header size)
// (MHD_CONNECTION_INFO_REQUEST_HEADER_SIZE, which runs from the request
// line's first byte to just past the empty line), each line's CR and LF
// turned into NULs. So after a value whose line ended where strlen says,
// only its line end follows, one NUL (LF) or two (CRLF), before the next
// field's name; after the last value, its line end and the empty line's,
// two to four NULs, to the end of the block. Anything else (a byte that
// is not NUL, or more NULs) is a value that went on past a NUL. The one
// case the trace cannot tell from a sound line is a single NUL just
// before a bare LF, which hides nothing.
//
// A field folded onto a continuation line (HeaderFolding.c) is moved out
// of the read buffer; such a request is refused for the folding first.

#include "CMicroHTTPDShims.h"

struct shim_value_scan {
    const char *block_start;
    const char *block_end;
    const char *previous_value_end; ///< where the previous field's value ended, or NULL
    int hidden;
};

/// Whether [from, to) is between `least` and `most` NULs, inside the block.
static int shim_only_line_ends(const struct shim_value_scan *scan, const char *from, const char *to, size_t least, size_t most) {
    if (from < scan->block_start || to > scan->block_end || to < from) {
        return 0;
    }
    size_t length = (size_t)(to - from);
    if (length < least || length > most) {
        return 0;
    }
    for (const char *cursor = from; cursor < to; cursor++) {
        if (*cursor != '\0') {
            return 0;
        }
    }
    return 1;
}

static enum MHD_Result shim_check_value_end(void *cls, enum MHD_ValueKind kind,
                                              const char *name, size_t name_size,
                                              const char *value, size_t value_size) {
    (void)kind;
    (void)name_size;
    struct shim_value_scan *scan = cls;
    if (name == NULL || value == NULL ||
        (scan->previous_value_end != NULL && !shim_only_line_ends(scan, scan->previous_value_end, name, 1, 2))) {
        scan->hidden = 1;
        return MHD_NO;
    }
    scan->previous_value_end = value + value_size;
    return MHD_YES;
}

int shim_mhd_has_hidden_value_bytes(struct MHD_Connection *connection, const char *request_start) {
    const union MHD_ConnectionInfo *info = MHD_get_connection_info(connection, MHD_CONNECTION_INFO_REQUEST_HEADER_SIZE);
    if (info == NULL || request_start == NULL) {
        return 1;
    }
    struct shim_value_scan scan = { request_start, request_start + info->header_size, NULL, 0 };
    MHD_get_connection_values_n(connection, MHD_HEADER_KIND, shim_check_value_end, &scan);
    if (!scan.hidden && scan.previous_value_end != NULL &&
        !shim_only_line_ends(&scan, scan.previous_value_end, scan.block_end, 2, 4)) {
        scan.hidden = 1;
    }
    return scan.hidden;
}
