#ifndef POEMSD_STORAGE_FAULTS_H
#define POEMSD_STORAGE_FAULTS_H

/// What Swift cannot do safely or at all for the storage layer: a signal
/// handler (it must only make async-signal-safe calls) and statx (not in
/// Swift's Glibc overlay).

/// Installs, once per process, a SIGBUS handler for SQLite's shared-memory
/// wal-index: SQLite maps `<database>-shm` and writes to it on every
/// transaction, reads included; when that file has been made immutable
/// (chattr +i) the kernel answers such a write with SIGBUS, which would
/// kill the process. The handler replaces the faulting page of a mapping
/// of a file whose name ends in "-shm" with a private copy, counts it, and
/// lets the write go on; any other SIGBUS goes to the previous disposition
/// (the process dies as before). Once a page was replaced, this process's
/// wal-index is no longer shared with other processes: the storage layer
/// refuses writes until a restart (`poemsd_shm_pages_replaced`).
void poemsd_install_shm_fault_handler(void);

/// The number of shared-memory pages replaced by the handler so far.
long poemsd_shm_pages_replaced(void);

/// 1 when the file at `path` has the immutable or append-only attribute,
/// 0 when it has neither (or there is no file), -1 when it cannot be told
/// (the file system does not report them). Asked with statx: no descriptor
/// of the file is opened, so the POSIX locks SQLite holds on it stay.
int poemsd_file_is_immutable(const char *path);

#endif
