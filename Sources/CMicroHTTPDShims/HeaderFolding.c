// Detecting obs-fold (a header field continued on a line that starts with
// a space or tab, RFC 9112 §5.2), which libmicrohttpd 0.9.75 accepts and
// joins wrongly: it appends the continuation to the field *name*, in a
// fresh buffer, so `Transfer-Encoding:\r\n chunked` arrives as a field
// named `Transfer-Encodingchunked` with an empty value. A proxy in front
// may join it correctly, so the two would frame the body differently
// (request smuggling). RFC 9112 §5.2 lets a server refuse it with 400.
//
// The parsed fields are the only trace: libmicrohttpd parses each header
// line in place, in its read buffer, turning the colon into a NUL, so an
// unfolded field's value starts just after its name, past that NUL and any
// spaces or tabs; a folded field's name was moved elsewhere, so its value
// does not follow it. The check reads backwards from the value, which lies
// in the read buffer after the request line, and stops at the first byte
// that is not a space or tab, so it never leaves that buffer.

#include "CMicroHTTPDShims.h"

static enum MHD_Result shim_check_field(void *cls, enum MHD_ValueKind kind,
                                          const char *name, size_t name_size,
                                          const char *value, size_t value_size) {
    (void)kind;
    (void)value_size;
    int *folded = cls;
    if (name == NULL || value == NULL) {
        return MHD_YES;
    }
    const char *cursor = value;
    while (cursor[-1] == ' ' || cursor[-1] == '\t') {
        cursor--;
    }
    // The byte before the value's leading whitespace is the colon's NUL, at
    // the end of the name.
    if (cursor - 1 != name + name_size || cursor[-1] != '\0') {
        *folded = 1;
        return MHD_NO;
    }
    return MHD_YES;
}

int shim_mhd_has_folded_field(struct MHD_Connection *connection) {
    int folded = 0;
    MHD_get_connection_values_n(connection, MHD_HEADER_KIND, shim_check_field, &folded);
    return folded;
}
