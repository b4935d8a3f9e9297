// Preloaded into the hub by benches (`--import`): measures its event-loop delay. On SIGWINCH (ignored by default; NestJS's shutdown hooks take SIGUSR2) it
// writes the histogram since the previous signal (ms) to $HIVEWATCH_BENCH_LOOP_FILE and resets it.
import { writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const file = process.env.HIVEWATCH_BENCH_LOOP_FILE;
if (file) {
  const h = monitorEventLoopDelay({ resolution: 10 });
  h.enable();
  process.on('SIGWINCH', () => {
    const ms = (ns) => ns / 1e6;
    const stats = { p50: ms(h.percentile(50)), p99: ms(h.percentile(99)), max: ms(h.max), at: Date.now() };
    writeFileSync(file, JSON.stringify(stats));
    h.reset();
  });
}
