/* Names of the error codes in <sis/errno.h>, for messages. */
#include <sis/compiler.h>
#include <sis/errno.h>

static const char *const names[E_MAX] = {
	[E_OK] = "OK",
	[ENOMEM] = "ENOMEM",
	[EINVAL] = "EINVAL",
	[ENODEV] = "ENODEV",
	[ENOENT] = "ENOENT",
	[ETIMEDOUT] = "ETIMEDOUT",
	[EBUSY] = "EBUSY",
	[EIO] = "EIO",
	[ERANGE] = "ERANGE",
	[ENOSPC] = "ENOSPC",
	[EALREADY] = "EALREADY",
	[EPERM] = "EPERM",
	[ENOTSUP] = "ENOTSUP",
	[EFAULT] = "EFAULT",
	[EAGAIN] = "EAGAIN",
	[EPIPE] = "EPIPE",
	[EBADF] = "EBADF",
	[ECHECKSUM] = "ECHECKSUM",
	[E2BIG] = "E2BIG",
	[ENOEXEC] = "ENOEXEC",
	[ECHILD] = "ECHILD",
	[EEXIST] = "EEXIST",
};

const char *err_name(int err)
{
	if (err < 0)
		err = -err;
	if (err >= E_MAX || !names[err])
		return "E?";
	return names[err];
}
