/*
 * Reaching user memory from a system call. Every pointer a program
 * passes is checked against the user range first (a kernel address, a
 * range that overflows or runs past USER_END, a structure not aligned
 * as it must be: -EFAULT before any access), then copied by the arch's
 * routine, whose page faults the exception table turns into a short
 * count: an unmapped page is -EFAULT too, never a kernel crash.
 */
#include <sis/errno.h>
#include <sis/user.h>

static bool user_arg_ok(const void *p, size_t n, size_t align)
{
	uintptr_t a = (uintptr_t)p;

	if (align > 1 && (a & (align - 1)))
		return false;
	return user_range_ok(a, n);
}

int copy_from_user(void *dst, const void *usrc, size_t n, size_t align)
{
	if (!user_arg_ok(usrc, n, align))
		return -EFAULT;
	return n && arch_copy_from_user(dst, usrc, n) ? -EFAULT : 0;
}

int copy_to_user(void *udst, const void *src, size_t n, size_t align)
{
	if (!user_arg_ok(udst, n, align))
		return -EFAULT;
	return n && arch_copy_to_user(udst, src, n) ? -EFAULT : 0;
}

long strncpy_from_user(char *dst, const char *usrc, size_t max)
{
	size_t i;

	for (i = 0; i < max; i++) {
		if (!user_arg_ok(usrc + i, 1, 1) || arch_copy_from_user(&dst[i], usrc + i, 1))
			return -EFAULT;
		if (!dst[i])
			return (long)i;
	}
	dst[max - 1] = '\0';
	return -E2BIG;
}
