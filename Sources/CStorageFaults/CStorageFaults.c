#define _GNU_SOURCE
#include "CStorageFaults.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/mman.h>
#include <unistd.h>

enum { MAX_PAGE = 65536, MAX_REPLACED = 1024 };

static struct sigaction previous_action;
static long page_size;
static atomic_long replaced_count;
/// Pages already replaced: a thread that faulted on one before it was
/// replaced finds it here and just retries its write.
static _Atomic uintptr_t replaced_pages[MAX_REPLACED];

static int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

/// Whether a /proc/self/maps line describes a shared mapping of a "-shm"
/// file that contains `address`.
static int line_maps_shm(const char *line, size_t length, uintptr_t address) {
    size_t i = 0;
    uintptr_t start = 0, end = 0;
    int digit;
    while (i < length && (digit = hex_value(line[i])) >= 0) { start = start * 16 + (uintptr_t)digit; i++; }
    if (i >= length || line[i] != '-') return 0;
    i++;
    while (i < length && (digit = hex_value(line[i])) >= 0) { end = end * 16 + (uintptr_t)digit; i++; }
    if (address < start || address >= end) return 0;
    // " rw-s": the fourth permission character is 's' for a shared mapping.
    if (i + 4 >= length || line[i + 4] != 's') return 0;
    return length >= 4 && memcmp(line + length - 4, "-shm", 4) == 0;
}

/// Reads /proc/self/maps with open/read only (async-signal-safe).
static int address_in_shm_mapping(uintptr_t address) {
    int fd = open("/proc/self/maps", O_RDONLY | O_CLOEXEC);
    if (fd < 0) return 0;
    char buffer[4096], line[1024];
    size_t length = 0;
    int found = 0;
    ssize_t count;
    while (!found && ((count = read(fd, buffer, sizeof buffer)) > 0 || (count < 0 && errno == EINTR))) {
        for (ssize_t i = 0; i < count && !found; i++) {
            if (buffer[i] != '\n') {
                if (length < sizeof line) line[length++] = buffer[i];
                continue;
            }
            found = line_maps_shm(line, length, address);
            length = 0;
        }
    }
    close(fd);
    return found;
}

static int already_replaced(uintptr_t page) {
    long count = atomic_load(&replaced_count);
    for (long i = 0; i < count && i < MAX_REPLACED; i++) {
        if (atomic_load(&replaced_pages[i]) == page) return 1;
    }
    return 0;
}

/// Set while this thread runs the handler: a fault inside it (the page
/// cannot even be read, as past the end of a truncated file) is not ours.
static __thread int handling;

static void on_sigbus(int signal_number, siginfo_t *info, void *context) {
    int saved_errno = errno;
    uintptr_t address = (uintptr_t)info->si_addr;
    uintptr_t page = address & ~(uintptr_t)(page_size - 1);
    if (!handling && info->si_code == BUS_ADRERR && page_size > 0 && page_size <= MAX_PAGE) {
        handling = 1;
        if (already_replaced(page)) { handling = 0; errno = saved_errno; return; }
        if (address_in_shm_mapping(address)) {
            unsigned char copy[MAX_PAGE];
            memcpy(copy, (const void *)page, (size_t)page_size);
            void *mapped = mmap((void *)page, (size_t)page_size, PROT_READ | PROT_WRITE,
                                MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
            if (mapped != MAP_FAILED) {
                memcpy(mapped, copy, (size_t)page_size);
                long index = atomic_fetch_add(&replaced_count, 1);
                if (index < MAX_REPLACED) atomic_store(&replaced_pages[index], page);
                handling = 0;
                errno = saved_errno;
                return;  // the faulting write runs again, on the private copy
            }
        }
        handling = 0;
    }
    // Not ours: the previous disposition handles the fault when it recurs.
    sigaction(SIGBUS, &previous_action, NULL);
    (void)signal_number;
    (void)context;
    errno = saved_errno;
}

static void install(void) {
    page_size = sysconf(_SC_PAGESIZE);
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = on_sigbus;
    action.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigemptyset(&action.sa_mask);
    sigaction(SIGBUS, &action, &previous_action);
}

void poemsd_install_shm_fault_handler(void) {
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, install);
}

long poemsd_shm_pages_replaced(void) {
    return atomic_load(&replaced_count);
}

int poemsd_file_is_immutable(const char *path) {
    // statx, never open: closing any descriptor of a file drops every POSIX
    // advisory lock this process holds on it, SQLite's included (SQLite,
    // "How To Corrupt An SQLite Database File", 2.2), after which another
    // process may delete the live -wal. AT_STATX_DONT_SYNC: attributes as
    // this kernel knows them, without a round trip on a network file system.
    struct statx status;
    if (statx(AT_FDCWD, path, AT_STATX_DONT_SYNC, 0, &status) != 0) return errno == ENOENT ? 0 : -1;
    const unsigned long long wanted = STATX_ATTR_IMMUTABLE | STATX_ATTR_APPEND;
    if ((status.stx_attributes_mask & wanted) != wanted) return -1;  // the file system does not report them
    return (status.stx_attributes & wanted) != 0 ? 1 : 0;
}
