/* Driver lookup in the ".drivers" table built by the linker. */
#include <sis/driver.h>
#include <sis/string.h>

extern const struct driver_entry __drivers_start[], __drivers_end[];

const void *driver_find(enum driver_class cls, const char *compat)
{
	const struct driver_entry *d;

	for (d = __drivers_start; d < __drivers_end; d++)
		if (d->cls == cls && !strcmp(d->compat, compat))
			return d->ops;
	return NULL;
}
