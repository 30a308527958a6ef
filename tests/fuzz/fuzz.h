/*
 * What every fuzz target shares: libFuzzer's entry point, and a check
 * that aborts (a finding libFuzzer saves) when a promise of the code
 * under test is broken. Targets link tests/unit/host.c for printk,
 * panic (unexpected: abort), time and per-CPU data.
 */
#ifndef FUZZ_H
#define FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_CHECK(cond)							\
	do {									\
		if (!(cond)) {							\
			fprintf(stderr, "%s:%d: broken promise: %s\n",		\
				__FILE__, __LINE__, #cond);			\
			abort();						\
		}								\
	} while (0)

/* A copy of data in a buffer of exactly size bytes (ASan sees any overrun). */
static inline uint8_t *fuzz_copy(const uint8_t *data, size_t size)
{
	uint8_t *p = malloc(size ? size : 1);

	if (!p)
		abort();
	if (size)
		memcpy(p, data, size);
	return p;
}

#endif /* FUZZ_H */
