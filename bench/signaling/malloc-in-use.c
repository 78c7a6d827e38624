// What the C allocator has handed out and not had back, for the signaling
// benchmark's memory probes. Resident memory cannot tell it: glibc keeps
// freed memory for later, so RSS follows the process's peak, not what it
// holds. Built by bench/signaling/memory.ts with the runtime's own headers.
#include <malloc.h>
#include <node_api.h>

// Bytes in use: small blocks from every arena plus blocks mapped on their own.
static napi_value in_use(napi_env env, napi_callback_info info) {
  (void)info;
  struct mallinfo2 figures = mallinfo2();
  napi_value bytes;
  napi_create_double(env, (double)(figures.uordblks + figures.hblkhd), &bytes);
  return bytes;
}

// Gives free memory back to the system, so that RSS comes near what is in use.
static napi_value trim(napi_env env, napi_callback_info info) {
  (void)info;
  malloc_trim(0);
  napi_value nothing;
  napi_get_undefined(env, &nothing);
  return nothing;
}

NAPI_MODULE_INIT() {
  napi_value function;
  napi_create_function(env, "inUse", NAPI_AUTO_LENGTH, in_use, NULL, &function);
  napi_set_named_property(env, exports, "inUse", function);
  napi_create_function(env, "trim", NAPI_AUTO_LENGTH, trim, NULL, &function);
  napi_set_named_property(env, exports, "trim", function);
  return exports;
}
