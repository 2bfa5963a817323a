// zlib is already linked through ZIPFoundation; its checksum is imported directly because ZIPFoundation
// falls back to a byte-at-a-time Swift CRC-32 on Linux (its `canImport(zlib)` never matches its own
// module name), which made checking a 400 MB stored .npz member take 0.9 CPU-s.
#include <zlib.h>
