#ifndef CFUZZERDRIVER_H
#define CFUZZERDRIVER_H

#include <stddef.h>
#include <stdint.h>

// libFuzzer's entry point for programs that own `main` (SwiftPM renames an executable's entry point,
// so libFuzzer's own `main` never runs). Defined by the libFuzzer runtime that `-sanitize=fuzzer`
// links; only referenced when the fuzzer is built with -DFUZZING, so normal builds need no definition.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
