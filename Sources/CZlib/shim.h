// zlib (Debian zlib1g-dev) for the HTTP server's gzip content coding.
#include <zlib.h>
