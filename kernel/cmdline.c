/*
 * The kernel command line: CONFIG_CMDLINE first, then the words from the
 * boot loader. Parsed once on the boot CPU, read-only afterwards.
 */
#include <sis/cmdline.h>
#include <sis/printk.h>
#include <sis/string.h>

#define CMDLINE_MAX 512

static char cmdline[CMDLINE_MAX];

/* Every word the kernel knows; anything else is reported once. */
static const char *const known_words[] = {
	"bench", "ktest", "loglevel", "poweroff", "sched_demo", "soak",
};

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Find the word named name ("name" or "name=..."); NULL if absent. */
static const char *find_word(const char *name)
{
	size_t len = strlen(name);
	const char *p = cmdline;

	while (*p) {
		while (is_space(*p))
			p++;
		if (!strncmp(p, name, len) &&
		    (p[len] == '\0' || p[len] == '=' || is_space(p[len])))
			return p;
		while (*p && !is_space(*p))
			p++;
	}
	return NULL;
}

static bool word_known(const char *w, size_t len)
{
	size_t i, n;

	for (i = 0; i < ARRAY_SIZE(known_words); i++) {
		n = strlen(known_words[i]);
		if (n <= len && !strncmp(w, known_words[i], n) &&
		    (n == len || w[n] == '='))
			return true;
	}
	return false;
}

static void report_unknown(void)
{
	const char *p = cmdline;

	while (*p) {
		const char *w;

		while (is_space(*p))
			p++;
		w = p;
		while (*p && !is_space(*p))
			p++;
		if (p > w && !word_known(w, p - w))
			pr_warn("[BOOT] ignoring unknown option '%.*s'\n", (int)(p - w), w);
	}
}

/* loglevel=N as asked; out of range, the nearest valid level. */
static u64 asked_loglevel;

void cmdline_init(const char *bootloader)
{
	snprintf(cmdline, sizeof(cmdline), "%s%s%s", CONFIG_CMDLINE,
		 CONFIG_CMDLINE[0] ? " " : "", bootloader ? bootloader : "");
	asked_loglevel = cmdline_get_u64("loglevel", (u64)console_loglevel);
	console_loglevel = (int)MIN(asked_loglevel, (u64)LOG_DEBUG);
}

void cmdline_report(void)
{
	if (asked_loglevel > LOG_DEBUG)
		pr_warn("[BOOT] loglevel=%llu is out of range 0-%d: using %d\n",
			(unsigned long long)asked_loglevel, LOG_DEBUG, LOG_DEBUG);
	report_unknown();
}

const char *cmdline_str(void)
{
	return cmdline;
}

bool cmdline_has(const char *name)
{
	return find_word(name) != NULL;
}

const char *cmdline_get(const char *name, char *buf, size_t size)
{
	const char *w = find_word(name);
	size_t n = 0;

	if (!w || w[strlen(name)] != '=')
		return NULL;
	w += strlen(name) + 1;
	while (w[n] && !is_space(w[n]))
		n++;
	if (size) {
		n = n < size - 1 ? n : size - 1;
		memcpy(buf, w, n);
		buf[n] = '\0';
	}
	return buf;
}

u64 cmdline_get_u64(const char *name, u64 def)
{
	char buf[24];
	const char *end;
	u64 v;

	if (!cmdline_get(name, buf, sizeof(buf)) || !buf[0])
		return def;
	v = kstrtoull(buf, &end, 0);
	return *end ? def : v;
}

void cmdline_not_built(const char *word, const char *option)
{
	pr_warn("[BOOT] '%s' asks for what this kernel is built without (%s)\n", word, option);
}
