/*
 * Error codes: actions return 0 or a negative one of these; err_name()
 * gives the name for messages.
 */
#ifndef SIS_ERRNO_H
#define SIS_ERRNO_H

enum {
	E_OK = 0,
	ENOMEM = 1,	/* out of memory */
	EINVAL,		/* bad argument or malformed input */
	ENODEV,		/* no such device, or not present in firmware tables */
	ENOENT,		/* no such entry (node, property, table) */
	ETIMEDOUT,	/* the other side never answered */
	EBUSY,		/* resource in use */
	EIO,		/* the hardware or firmware reported a failure */
	ERANGE,		/* value out of range, or a table too small */
	ENOSPC,		/* a bounded table is full */
	EALREADY,	/* already done (a CPU already on) */
	EPERM,		/* not allowed (firmware denied) */
	ENOTSUP,	/* not supported */
	EFAULT,		/* bad address */
	EAGAIN,		/* try again (would block) */
	EPIPE,		/* the other end is closed */
	EBADF,		/* bad handle */
	ECHECKSUM,	/* a checksum did not match */
	E2BIG,		/* too many arguments, or an argument too long */
	ENOEXEC,	/* not an executable this kernel runs (a bad ELF) */
	ECHILD,		/* no child to wait for */
	EEXIST,		/* already there (a page mapped twice) */
	E_MAX
};

const char *err_name(int err);

#endif /* SIS_ERRNO_H */
