// A timing harness for a shared machine: it counts the CPU time this process
// used (process.cpuUsage: user + system, all threads, so GC counts), not
// wall time, so that time the scheduler gave to other processes is not
// charged to the code under test. Calls run in batches of ~5 ms; the result
// is the mean cost per call over `budgetMs` of CPU time, after a warm-up.
const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) * 1000; // ns
};

export async function cpuTime(fn, { budgetMs = 300, warmupMs = 50 } = {}) {
  const isAsync = fn.constructor.name === 'AsyncFunction';
  const runBatch = isAsync
    ? async (n) => {
        for (let i = 0; i < n; i++) await fn();
      }
    : (n) => {
        for (let i = 0; i < n; i++) fn();
      };
  // Calibrate the batch size to ~5 ms of CPU, warming up the JIT on the way.
  let batch = 1;
  let spent = 0;
  for (;;) {
    const t0 = cpuNow();
    await runBatch(batch);
    const dt = cpuNow() - t0;
    spent += dt;
    if (dt >= 5e6 && spent >= warmupMs * 1e6) break;
    if (dt < 5e6) batch *= 2;
  }
  let calls = 0;
  let total = 0;
  while (total < budgetMs * 1e6) {
    const t0 = cpuNow();
    await runBatch(batch);
    total += cpuNow() - t0;
    calls += batch;
  }
  return total / calls; // ns per call
}
