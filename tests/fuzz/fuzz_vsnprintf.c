/*
 * lib/vsnprintf.c with a fuzzed format, buffer size and arguments. Input:
 * one byte of buffer size, the format up to a NUL, then the bytes the
 * arguments are taken from. A scanner here, following the grammar
 * lib/vsnprintf.c documents (flags - 0, width and precision as digits or
 * '*', one length modifier of hh h l ll z, a conversion of diuxXopcs%;
 * anything else printed as it is), decides what each conversion consumes
 * ('*' an int, %s a string or NULL, the others an integer), so a kernel
 * that took more or other arguments than its grammar names reads garbage
 * and ASan says so. Every argument is passed
 * as a 64-bit slot (the x86_64 and arm64 calling conventions read int,
 * long and pointer arguments from such slots alike).
 *
 * Checked: the output stays in the buffer (exactly its size), is
 * NUL-terminated, and the return value is the same with no buffer at all
 * and at least the length written.
 */
#include <sis/printk.h>

#include "fuzz.h"
#include "host.h"

#define NARGS	24

struct src {
	const uint8_t *p;
	size_t n;
};

static uint64_t take(struct src *s, size_t bytes)
{
	uint64_t v = 0;
	size_t i;

	for (i = 0; i < bytes; i++) {
		v |= (uint64_t)(s->n ? *s->p : 0) << (8 * i);
		if (s->n)
			s->p++, s->n--;
	}
	return v;
}

/* The arguments fmt consumes, by C's rules; false when there are more than NARGS. */
static int scan(const char *f, struct src *s, uint64_t *args, const char *str)
{
	int n = 0;

	while ((f = strchr(f, '%'))) {
		f++;
		while (*f == '-' || *f == '0')
			f++;
		if (*f == '*') {
			if (n == NARGS)
				return -1;
			args[n++] = take(s, 4), f++;
		} else {
			while (*f >= '0' && *f <= '9')
				f++;
		}
		if (*f == '.') {
			f++;
			if (*f == '*') {
				if (n == NARGS)
					return -1;
				args[n++] = take(s, 4), f++;
			} else {
				while (*f >= '0' && *f <= '9')
					f++;
			}
		}
		while (*f == 'h')	/* hh, h (the kernel takes any run) */
			f++;
		if (*f == 'z')
			f++;
		else
			while (*f == 'l')
				f++;
		if (!*f)
			break;
		if (strchr("diuxXopcs", *f)) {
			if (n == NARGS)
				return -1;
			if (*f == 's')
				args[n++] = take(s, 1) ? (uint64_t)(uintptr_t)str : 0;
			else
				args[n++] = take(s, 8);
		}
		f++;
	}
	return n;
}

static int call(char *buf, size_t size, const char *fmt, const uint64_t *a)
{
	return snprintf(buf, size, fmt, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7],
			a[8], a[9], a[10], a[11], a[12], a[13], a[14], a[15], a[16], a[17],
			a[18], a[19], a[20], a[21], a[22], a[23]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint64_t args[NARGS] = { 0 };
	const uint8_t *nul;
	struct src s;
	size_t bufsize, flen;
	char *fmt, *buf, *str;
	int n, n0;

	if (size < 1)
		return 0;
	bufsize = data[0];
	data++, size--;
	nul = memchr(data, 0, size);
	flen = nul ? (size_t)(nul - data) : size;
	fmt = malloc(flen + 1);
	str = malloc(size - flen + 1);
	buf = malloc(bufsize ? bufsize : 1);
	if (!fmt || !str || !buf)
		abort();
	memcpy(fmt, data, flen);
	fmt[flen] = '\0';
	s.p = data + flen + (nul ? 1 : 0);
	s.n = size - flen - (nul ? 1 : 0);
	/* The string argument: the tail, NUL-terminated. */
	memcpy(str, s.p, s.n);
	str[s.n] = '\0';
	if (scan(fmt, &s, args, str) >= 0) {
		n = call(bufsize ? buf : NULL, bufsize, fmt, args);
		n0 = call(NULL, 0, fmt, args);
		FUZZ_CHECK(n >= 0 && n == n0);
		if (bufsize) {
			FUZZ_CHECK(memchr(buf, 0, bufsize) != NULL);
			FUZZ_CHECK(strlen(buf) <= (size_t)n);
		}
	}
	free(fmt);
	free(str);
	free(buf);
	return 0;
}
