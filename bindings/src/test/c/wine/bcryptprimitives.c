/*
 * Test-harness shim for wine 8 (Debian 12), which lacks bcryptprimitives.dll. Rust's standard library (1.78 and newer)
 * takes its random numbers from ProcessPrng in that DLL, which every Windows 10 and newer has; under wine 8 a Rust DLL
 * or test program then fails to load. This shim exports ProcessPrng on top of BCryptGenRandom (the system RNG, which
 * wine has). It is used only to run tests under wine (scripts/lib/platforms.sh puts it on WINEPATH) and never ships.
 */
#include <windows.h>
#include <bcrypt.h>

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
  while (len > 0) {
    ULONG chunk = len > 0x40000000 ? 0x40000000 : (ULONG)len;
    if (BCryptGenRandom(NULL, data, chunk, BCRYPT_USE_SYSTEM_PREFERRED_RNG) != 0) return FALSE;
    data += chunk;
    len -= chunk;
  }
  return TRUE;
}
