/* The smallest program: a line naming itself, its pid and its CPU, and its arguments. */
#include <ulib.h>

int main(int argc, char **argv)
{
	int i;

	printf("hello from user mode: pid %ld on cpu%ld\n", getpid(), getcpu());
	for (i = 1; i < argc; i++)
		printf("  argv[%d] = %s\n", i, argv[i]);
	return 0;
}
