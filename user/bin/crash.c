/*
 * Dies the way argv[1] says, for usertests: "null" (page fault), "kernel"
 * (a kernel address), "ud" (undefined instruction), "div" (divide by
 * zero: no trap on arm64, which gives 0), "brk" (breakpoint), "align"
 * (x86: cli, a #GP in ring 3; arm64: a misaligned exclusive load), "exit N".
 */
#include <ulib.h>

static volatile int zero;

static void crash(const char *how)
{
	if (!strcmp(how, "null")) {
		*(volatile int *)0 = 1;
	} else if (!strcmp(how, "kernel")) {
		(void)*(volatile u64 *)0xffffffff80200000ull;
	} else if (!strcmp(how, "ud")) {
#if defined(__x86_64__)
		__asm__ __volatile__("ud2");
#else
		__asm__ __volatile__("udf #0");	/* __builtin_trap() is a brk here */
#endif
	} else if (!strcmp(how, "div")) {
		printf("%d\n", 100 / zero);	/* not 1 / x: compilers turn that into a compare */
	} else if (!strcmp(how, "brk")) {
#if defined(__x86_64__)
		__asm__ __volatile__("int3");
#else
		__asm__ __volatile__("brk #0");
#endif
	} else if (!strcmp(how, "align")) {
#if defined(__x86_64__)
		/* RFLAGS.AC with CR0.AM set would fault; CR0.AM is off: a #GP instead. */
		__asm__ __volatile__("cli");
#else
		u64 v;

		__asm__ __volatile__("ldxr %0, [%1]" : "=r"(v) : "r"((u8 *)&v + 1));
#endif
	}
}

int main(int argc, char **argv)
{
	if (argc > 2 && !strcmp(argv[1], "exit"))
		return (int)kstrtoull(argv[2], NULL, 10);
	if (argc > 1)
		crash(argv[1]);
	return 99;	/* not killed: usertests sees the wrong status */
}
