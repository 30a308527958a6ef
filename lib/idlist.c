/*
 * Lists of ids for log lines, as Linux prints a cpulist: ids in order,
 * runs of consecutive ids as ranges ("0-3,8,10-11"), each id printed
 * with the caller's format ("%llu", "0x%llx"). A list that does not fit
 * ends with "...", so a line of 200 CPUs stays short and whole.
 */
#include <sis/idlist.h>
#include <sis/printk.h>
#include <sis/string.h>

#define MORE "..."

size_t idlist_format(char *buf, size_t size, const u64 *ids, unsigned int n,
		     const char *fmt)
{
	char a[24], b[24];
	size_t len = 0;
	unsigned int i, j;

	if (size)
		buf[0] = '\0';
	if (size < sizeof(MORE))
		return 0;
	for (i = 0; i < n; i = j) {
		int w;

		for (j = i + 1; j < n && ids[j] == ids[j - 1] + 1; j++)
			;
		snprintf(a, sizeof(a), fmt, (unsigned long long)ids[i]);
		snprintf(b, sizeof(b), fmt, (unsigned long long)ids[j - 1]);
		w = snprintf(buf + len, size - len, "%s%s%s%s", i ? "," : "", a,
			     j - i > 1 ? "-" : "", j - i > 1 ? b : "");
		if (w < 0 || (size_t)w >= size - len) {
			len = MIN(len, size - sizeof(MORE));
			memcpy(buf + len, MORE, sizeof(MORE));
			return len + sizeof(MORE) - 1;
		}
		len += (size_t)w;
	}
	return len;
}
