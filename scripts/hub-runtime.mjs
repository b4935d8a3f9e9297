// How the hub process is launched everywhere (npm start, benchmarks, the container image): a small
// young generation and glibc malloc tuned so that a mostly idle hub stays small. Measured effect and
// trade-off: docs/benchmarks.md ("Hub memory settings"). Values already in the environment win.
export const HUB_NODE_ARGS = ['--max-semi-space-size=2'];

export function hubEnv(env = process.env) {
  return {
    // glibc keeps one heap arena per thread (argon2 and SQLite run on libuv's pool) and raises its
    // mmap threshold after large frees (argon2's 19 MiB blocks), so freed memory stayed resident.
    MALLOC_ARENA_MAX: '2',
    MALLOC_MMAP_THRESHOLD_: '131072',
    ...env,
  };
}
