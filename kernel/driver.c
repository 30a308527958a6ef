/* Driver matching helpers (include/sis/driver.h). */
#include <sis/driver.h>
#include <sis/string.h>

bool driver_match_compatible(const struct driver_match *m, const char *compat)
{
	const char *const *c;

	for (c = m->compatible; c && *c; c++)
		if (!strcmp(*c, compat))
			return true;
	return false;
}
