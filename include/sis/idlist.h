/* Lists of ids for log lines, with ranges: "0-3,8" (lib/idlist.c). */
#ifndef SIS_IDLIST_H
#define SIS_IDLIST_H

#include <sis/types.h>

/*
 * Write ids[0..n) into buf (always terminated): runs of consecutive ids
 * as "a-b", each id printed with fmt ("%llu" or "0x%llx"); a list that
 * does not fit is cut after a whole entry and ends with "...". Returns
 * the length written.
 */
size_t idlist_format(char *buf, size_t size, const u64 *ids, unsigned int n,
		     const char *fmt);

#endif /* SIS_IDLIST_H */
