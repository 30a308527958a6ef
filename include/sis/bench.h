/*
 * In-kernel microbenchmarks (kernel/bench.c, CONFIG_BENCH), run when the
 * command line says "bench". Each figure is printed as
 * "[BENCH] name value unit"; scripts/bench.py collects them.
 */
#ifndef SIS_BENCH_H
#define SIS_BENCH_H

#include <sis/cmdline.h>

#ifdef CONFIG_BENCH
/* Run every benchmark the online CPUs allow. */
void bench_run(void);
#else
static inline void bench_run(void)
{
	cmdline_not_built("bench", "CONFIG_BENCH");
}
#endif /* CONFIG_BENCH */

#endif /* SIS_BENCH_H */
