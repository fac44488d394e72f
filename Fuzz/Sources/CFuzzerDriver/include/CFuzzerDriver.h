// libFuzzer's driver entry point (compiler-rt, LLVM ≥ 12), linked in by
// `-sanitize=fuzzer`. IncidentMapFuzz's main calls it because SwiftPM names
// an executable's entry point itself (`--defsym main=<Module>_main`), so
// libFuzzer's own `main` cannot be used.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*UserCb)(const uint8_t *Data, size_t Size));
