/* Spins forever (or for argv[1] seconds): preemption must keep everything else running. */
#include <ulib.h>

int main(int argc, char **argv)
{
	u64 secs = argc > 1 ? kstrtoull(argv[1], NULL, 10) : 0;
	u64 end = clock_ns() + secs * 1000000000ull;
	volatile u64 n = 0;

	while (!secs || clock_ns() < end)
		for (int i = 0; i < 1000000; i++)
			n++;
	return 0;
}
