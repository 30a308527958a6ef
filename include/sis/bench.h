/*
 * In-kernel microbenchmarks (kernel/bench.c, CONFIG_BENCH), run when the
 * command line says "bench". Each figure is printed as
 * "[BENCH] name value unit"; scripts/bench.py collects them.
 */
#ifndef SIS_BENCH_H
#define SIS_BENCH_H

#include <sis/cmdline.h>
#include <sis/errno.h>
#include <sis/types.h>

#ifdef CONFIG_BENCH
/* Run every benchmark the online CPUs allow. */
void bench_run(void);
/* The one named (NULL: all), stopping between two when stop() says so; -ENOENT: no such. */
int bench_run_named(const char *name, bool (*stop)(void));
/* The n-th benchmark's name, NULL past the last. */
const char *bench_nth(unsigned int n);
#else
static inline void bench_run(void)
{
	cmdline_not_built("bench", "CONFIG_BENCH");
}

static inline int bench_run_named(const char *name, bool (*stop)(void))
{
	cmdline_not_built("bench", "CONFIG_BENCH");
	return -ENOTSUP;
}

static inline const char *bench_nth(unsigned int n)
{
	return NULL;
}
#endif /* CONFIG_BENCH */

#endif /* SIS_BENCH_H */
