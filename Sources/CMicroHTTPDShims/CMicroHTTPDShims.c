#include "CMicroHTTPDShims.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static void shim_format_log(void *cls, const char *format, va_list arguments) {
    struct shim_mhd_logger *logger = cls;
    char message[512];
    vsnprintf(message, sizeof message, format, arguments);
    size_t length = strlen(message);
    while (length > 0 && (message[length - 1] == '\n' || message[length - 1] == '\r')) {
        message[--length] = '\0';
    }
    if (logger->callback != NULL) {
        logger->callback(logger->context, message);
    }
}

struct MHD_Daemon *shim_mhd_start(const struct shim_mhd_settings *settings,
                                    MHD_AccessHandlerCallback handler, void *handler_context,
                                    MHD_RequestCompletedCallback completed, void *completed_context,
                                    struct shim_mhd_logger *logger) {
    // poll(2), not epoll: with epoll, MHD_quiesce_daemon (shim_mhd_stop_listening,
    // at every graceful shutdown) races the polling threads' own removal of
    // the listening socket from their epoll sets, and libmicrohttpd aborts the
    // process when it loses ("Failed to remove listen FD from epoll set": an
    // open defect, seen in this project's tests). With poll the listening
    // socket is simply left out of the next poll set.
    unsigned int flags = MHD_USE_POLL_INTERNAL_THREAD | MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ERROR_LOG;
    if (settings->address != NULL && settings->address->sa_family == AF_INET6) {
        flags |= MHD_USE_IPv6;
    }

    if (settings->tls_certificate != NULL && settings->tls_key != NULL) {
        flags |= MHD_USE_TLS;
    }

    struct MHD_OptionItem options[16];
    size_t n = 0;
    // The logger first, so that no message goes to the library's own stderr logger.
    options[n++] = (struct MHD_OptionItem){ MHD_OPTION_EXTERNAL_LOGGER, (intptr_t)shim_format_log, logger };
    options[n++] = (struct MHD_OptionItem){ MHD_OPTION_THREAD_POOL_SIZE, (intptr_t)settings->thread_pool_size, NULL };
    options[n++] = (struct MHD_OptionItem){ MHD_OPTION_CONNECTION_LIMIT, (intptr_t)settings->connection_limit, NULL };
    options[n++] = (struct MHD_OptionItem){ MHD_OPTION_CONNECTION_TIMEOUT, (intptr_t)settings->connection_timeout, NULL };
    options[n++] = (struct MHD_OptionItem){ MHD_OPTION_NOTIFY_COMPLETED, (intptr_t)completed, completed_context };
    if (settings->address != NULL) {
        options[n++] = (struct MHD_OptionItem){ MHD_OPTION_SOCK_ADDR, 0, (void *)settings->address };
    }
    if (settings->notify_connection != NULL) {
        options[n++] = (struct MHD_OptionItem){ MHD_OPTION_NOTIFY_CONNECTION, (intptr_t)settings->notify_connection, settings->notify_connection_context };
    }
    if (settings->unescape != NULL) {
        options[n++] = (struct MHD_OptionItem){ MHD_OPTION_UNESCAPE_CALLBACK, (intptr_t)settings->unescape, settings->unescape_context };
    }
    if (settings->uri_log != NULL) {
        options[n++] = (struct MHD_OptionItem){ MHD_OPTION_URI_LOG_CALLBACK, (intptr_t)settings->uri_log, settings->uri_log_context };
    }
    if (settings->per_ip_connection_limit > 0) {
        options[n++] = (struct MHD_OptionItem){ MHD_OPTION_PER_IP_CONNECTION_LIMIT, (intptr_t)settings->per_ip_connection_limit, NULL };
    }
    if (settings->connection_memory_limit > 0) {
        options[n++] = (struct MHD_OptionItem){ MHD_OPTION_CONNECTION_MEMORY_LIMIT, (intptr_t)settings->connection_memory_limit, NULL };
    }
    if (settings->listen_backlog > 0) {
        options[n++] = (struct MHD_OptionItem){ MHD_OPTION_LISTEN_BACKLOG_SIZE, (intptr_t)settings->listen_backlog, NULL };
    }
    if (settings->tls_certificate != NULL && settings->tls_key != NULL) {
        options[n++] = (struct MHD_OptionItem){ MHD_OPTION_HTTPS_MEM_CERT, 0, (void *)settings->tls_certificate };
        options[n++] = (struct MHD_OptionItem){ MHD_OPTION_HTTPS_MEM_KEY, 0, (void *)settings->tls_key };
        if (settings->tls_priorities != NULL) {
            options[n++] = (struct MHD_OptionItem){ MHD_OPTION_HTTPS_PRIORITIES, 0, (void *)settings->tls_priorities };
        }
    }
    options[n++] = (struct MHD_OptionItem){ MHD_OPTION_END, 0, NULL };

    uint16_t port = 0;
    if (settings->address != NULL) {
        if (settings->address->sa_family == AF_INET6) {
            port = ntohs(((const struct sockaddr_in6 *)settings->address)->sin6_port);
        } else {
            port = ntohs(((const struct sockaddr_in *)settings->address)->sin_port);
        }
    }
    return MHD_start_daemon(flags, port, NULL, NULL, handler, handler_context,
                            MHD_OPTION_ARRAY, options, MHD_OPTION_END);
}

uint16_t shim_mhd_bound_port(struct MHD_Daemon *daemon) {
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_BIND_PORT);
    return info == NULL ? 0 : info->port;
}

unsigned int shim_mhd_open_connections(struct MHD_Daemon *daemon) {
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);
    return info == NULL ? 0 : info->num_connections;
}

int shim_mhd_client_address(struct MHD_Connection *connection, char *buffer, size_t length) {
    const union MHD_ConnectionInfo *info =
        MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (info == NULL || info->client_addr == NULL || length == 0) {
        return -1;
    }
    const struct sockaddr *address = info->client_addr;
    const void *source = NULL;
    if (address->sa_family == AF_INET) {
        source = &((const struct sockaddr_in *)address)->sin_addr;
    } else if (address->sa_family == AF_INET6) {
        source = &((const struct sockaddr_in6 *)address)->sin6_addr;
    } else {
        return -1;
    }
    return inet_ntop(address->sa_family, source, buffer, (socklen_t)length) == NULL ? -1 : 0;
}

int shim_mhd_stop_listening(struct MHD_Daemon *daemon) {
    MHD_socket listener = MHD_quiesce_daemon(daemon);
    if (listener == MHD_INVALID_SOCKET) {
        return -1;
    }
    // Shut down, not closed: a polling thread may still be about to use the
    // descriptor (accept(2) then fails with EINVAL, which libmicrohttpd
    // expects during shutdown); closing it now could hand its number to
    // another socket. On Linux, shutdown(2) of a listening socket stops
    // listening and resets the connections not yet accepted.
    shutdown(listener, SHUT_RDWR);
    return listener;
}

int shim_mhd_connection_fd(struct MHD_Connection *connection) {
    const union MHD_ConnectionInfo *info = MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CONNECTION_FD);
    return info == NULL ? -1 : info->connect_fd;
}

void *shim_mhd_connection_context(struct MHD_Connection *connection) {
    const union MHD_ConnectionInfo *info = MHD_get_connection_info(connection, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    return info == NULL ? NULL : info->socket_context;
}
