// libFuzzer's driver, as declared in its FuzzerInterface.h: runs the fuzzer
// with the command line and the callback given. Linked only into the build
// with -sanitize=fuzzer (scripts/fuzz.sh), which supplies it.
#ifndef CFUZZERDRIVER_H
#define CFUZZERDRIVER_H
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
