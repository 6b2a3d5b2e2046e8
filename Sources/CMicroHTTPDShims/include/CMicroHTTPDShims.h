#ifndef CMICROHTTPD_SHIMS_H
#define CMICROHTTPD_SHIMS_H

// The few libmicrohttpd entry points Swift cannot call directly because
// they are C-variadic (MHD_start_daemon, MHD_get_daemon_info,
// MHD_get_connection_info) or take a va_list (the error logger).
// Everything else is called from Swift through the CMicroHTTPD module.

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <sys/socket.h>
#include <microhttpd.h>

/// A logger that receives libmicrohttpd's error messages already formatted.
typedef void (*shim_mhd_log_callback)(void *context, const char *message);

/// Where one daemon's log messages go. The caller owns it and keeps it alive
/// until `MHD_stop_daemon` has returned.
struct shim_mhd_logger {
    shim_mhd_log_callback callback;
    void *context;
};

/// Decodes a request target's `%HH` escapes in place and returns the
/// decoded length (MHD_OPTION_UNESCAPE_CALLBACK).
typedef size_t (*shim_mhd_unescape_callback)(void *context, struct MHD_Connection *connection, char *text);

/// Told each request target as received, before it is decoded or split
/// (MHD_OPTION_URI_LOG_CALLBACK); returns NULL.
typedef void *(*shim_mhd_uri_log_callback)(void *context, const char *uri, struct MHD_Connection *connection);

/// Daemon settings; zero means "library default" only where noted.
struct shim_mhd_settings {
    const struct sockaddr *address;     ///< where to listen (IPv4 or IPv6)
    unsigned int thread_pool_size;      ///< worker threads, each polling its connections with poll(2)
    unsigned int connection_limit;      ///< total concurrent connections
    unsigned int connection_timeout;    ///< seconds of inactivity before a connection is closed
    unsigned int per_ip_connection_limit; ///< 0 = unlimited
    size_t connection_memory_limit;     ///< per-connection buffer (bounds request line and headers)
    unsigned int listen_backlog;        ///< 0 = library default
    const char *tls_certificate;        ///< PEM; with tls_key, serve HTTPS (NULL = plain HTTP)
    const char *tls_key;                ///< PEM private key of tls_certificate
    const char *tls_priorities;         ///< GnuTLS priority string (NULL = library default)
    MHD_NotifyConnectionCallback notify_connection; ///< told of each connection opened and closed (NULL = none)
    void *notify_connection_context;
    shim_mhd_unescape_callback unescape; ///< decodes targets (NULL = libmicrohttpd's own)
    void *unescape_context;
    shim_mhd_uri_log_callback uri_log; ///< sees raw targets (NULL = none)
    void *uri_log_context;
};

/// Starts a daemon with an internal poll(2) polling thread pool and
/// suspend/resume enabled. Returns NULL on failure.
struct MHD_Daemon *shim_mhd_start(const struct shim_mhd_settings *settings,
                                    MHD_AccessHandlerCallback handler, void *handler_context,
                                    MHD_RequestCompletedCallback completed, void *completed_context,
                                    struct shim_mhd_logger *logger);

/// The port the daemon listens on (useful when it was started on port 0).
uint16_t shim_mhd_bound_port(struct MHD_Daemon *daemon);

/// The number of connections the daemon has open now.
unsigned int shim_mhd_open_connections(struct MHD_Daemon *daemon);

/// Writes the client's numeric address into `buffer` (NUL-terminated).
/// Returns 0 on success, -1 when it is unknown.
int shim_mhd_client_address(struct MHD_Connection *connection, char *buffer, size_t length);

/// Stops accepting connections and stops listening: new clients are
/// refused (ECONNREFUSED) at once, and those waiting in the backlog are
/// reset, so that they retry elsewhere instead of waiting for the daemon to
/// stop. Connections already accepted are served. Returns the listening
/// socket, to close after MHD_stop_daemon, or -1 when not listening.
int shim_mhd_stop_listening(struct MHD_Daemon *daemon);

/// The connection's socket descriptor, or -1.
int shim_mhd_connection_fd(struct MHD_Connection *connection);

/// The pointer stored in the connection's slot when it opened (the
/// `socket_context` of MHD_OPTION_NOTIFY_CONNECTION), or NULL.
void *shim_mhd_connection_context(struct MHD_Connection *connection);

/// 1 when a header field of the request was continued on a following
/// line (obs-fold, RFC 9112 §5.2), 0 otherwise. See HeaderFolding.c.
int shim_mhd_has_folded_field(struct MHD_Connection *connection);

/// 1 when a header field value goes on past a NUL byte, which
/// libmicrohttpd cuts it at (or when that cannot be checked), 0 otherwise;
/// `request_start` is the method the access handler was given. See
/// HiddenValueBytes.c.
int shim_mhd_has_hidden_value_bytes(struct MHD_Connection *connection, const char *request_start);

#endif
