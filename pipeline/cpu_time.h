// CPU time clocks for profiling the ingest (`factmine ingest --profile`):
// the CPU seconds (user + system) used so far by the calling thread or by
// the whole process. Unlike wall time, they do not grow while the thread
// waits or while other programs use the cores, so they compare runs on a
// shared machine.
//
// Thread safety: both functions may be called from any thread.
// Lifetime: no state.
#ifndef FACTMINE_PIPELINE_CPU_TIME_H_
#define FACTMINE_PIPELINE_CPU_TIME_H_

#include <time.h>

namespace factmine {

// CPU seconds used by the calling thread. A system call on Linux (~0.2 µs):
// call it per article or per table, not per row.
inline double ThreadCpuSeconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// CPU seconds used by every thread of the process.
inline double ProcessCpuSeconds() {
  timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

}  // namespace factmine

#endif  // FACTMINE_PIPELINE_CPU_TIME_H_
