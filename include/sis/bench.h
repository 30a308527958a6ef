/*
 * In-kernel microbenchmarks (kernel/bench.c), run when the command line
 * says "bench". Each figure is printed as "[BENCH] name value unit";
 * scripts/bench.py collects them.
 */
#ifndef SIS_BENCH_H
#define SIS_BENCH_H

/* Run every benchmark the online CPUs allow; a no-op without "bench". */
void bench_run(void);

#endif /* SIS_BENCH_H */
