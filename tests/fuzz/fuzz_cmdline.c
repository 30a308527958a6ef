/*
 * The boot loader's command line (kernel/cmdline.c): cmdline_init, the
 * report of unknown and misspelt words, and every lookup the kernel makes.
 */
#include <sis/cmdline.h>

#include "fuzz.h"
#include "host.h"

static const char *const words[] = {
	"bench", "ktest", "loglevel", "poweroff", "sched_demo", "soak", "", "=", "k",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1), buf[64], one[1];
	unsigned int i;

	if (!s)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	cmdline_init(s);
	cmdline_report();
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		const char *v;

		cmdline_has(words[i]);
		v = cmdline_get(words[i], buf, sizeof(buf));
		FUZZ_CHECK(!v || strlen(v) < sizeof(buf));
		v = cmdline_get(words[i], one, sizeof(one));
		FUZZ_CHECK(!v || !v[0]);
		cmdline_get_u64(words[i], 3);
	}
	FUZZ_CHECK(strlen(cmdline_str()) < CMDLINE_MAX);
	host_log_clear();
	free(s);
	return 0;
}
