/*
 * The ceiling for poemsd's benchmarks: a minimal libmicrohttpd server with the
 * same threading model as poemsd (internal poll(2) polling threads, one per
 * core), which reads the request body and answers a fixed JSON document.
 * Whatever poemsd does on top of this is what the benchmark measures.
 *
 *   cc -O2 -o ceiling ceiling.c -lmicrohttpd && ./ceiling PORT THREADS [BODY_FILE]
 *
 * With BODY_FILE, the fixed document is that file (for example a real
 * evaluation response), which separates the cost of the bytes from the cost
 * of the work.
 */
#include <microhttpd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char document[] =
    "{\"criteriaSet\":\"imwg-2014\",\"verdict\":\"meets\",\"engineVersion\":\"1.0.0\"}";
static struct MHD_Response *fixed;
static volatile sig_atomic_t stop;

static enum MHD_Result answer(void *cls, struct MHD_Connection *connection, const char *url,
                              const char *method, const char *version, const char *upload_data,
                              size_t *upload_data_size, void **state) {
    (void)cls; (void)url; (void)method; (void)version; (void)upload_data;
    static int marker;
    if (*state == NULL) { *state = &marker; return MHD_YES; }
    if (*upload_data_size > 0) { *upload_data_size = 0; return MHD_YES; }
    return MHD_queue_response(connection, MHD_HTTP_OK, fixed);
}

static void on_signal(int signal_number) { (void)signal_number; stop = 1; }

int main(int argc, char **argv) {
    unsigned short port = argc > 1 ? (unsigned short)atoi(argv[1]) : 8181;
    unsigned int threads = argc > 2 ? (unsigned int)atoi(argv[2]) : 2;
    const char *body = document;
    size_t length = strlen(document);
    if (argc > 3) {
        FILE *file = fopen(argv[3], "rb");
        if (file == NULL) { perror(argv[3]); return 1; }
        static char buffer[1 << 20];
        length = fread(buffer, 1, sizeof buffer, file);
        fclose(file);
        body = buffer;
    }
    fixed = MHD_create_response_from_buffer(length, (void *)body, MHD_RESPMEM_PERSISTENT);
    MHD_add_response_header(fixed, "Content-Type", "application/json");
    struct MHD_Daemon *daemon = MHD_start_daemon(
        MHD_USE_POLL_INTERNAL_THREAD | MHD_USE_ERROR_LOG, port, NULL, NULL, answer, NULL,
        MHD_OPTION_THREAD_POOL_SIZE, threads, MHD_OPTION_CONNECTION_LIMIT, 1024u,
        MHD_OPTION_CONNECTION_TIMEOUT, 30u, MHD_OPTION_END);
    if (daemon == NULL) { fprintf(stderr, "cannot listen on %u\n", port); return 1; }
    signal(SIGTERM, on_signal);
    signal(SIGINT, on_signal);
    while (!stop) pause();
    MHD_stop_daemon(daemon);
    MHD_destroy_response(fixed);
    return 0;
}
