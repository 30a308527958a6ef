/*
 * The kernel command line: CONFIG_CMDLINE first, then the words from the
 * boot loader. Parsed once on the boot CPU, read-only afterwards.
 */
#include <sis/cmdline.h>
#include <sis/printk.h>
#include <sis/string.h>

static char cmdline[CMDLINE_MAX];
static bool cmdline_cut;	/* the boot loader gave more than fits */

/* Every word the kernel knows; anything else is reported once. */
static const char *const known_words[] = {
	"bench", "init", "ktest", "loglevel", "maxcpus", "nohz", "poweroff", "sched_demo", "soak",
};

#define WORD_MAX	16	/* longer than any known word, with room for two typos */

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

/* The known word w[0..len) names: "ktest" for "ktest" and "ktest=...". */
static const char *word_known(const char *w, size_t len)
{
	size_t i, n;

	for (i = 0; i < ARRAY_SIZE(known_words); i++) {
		n = strlen(known_words[i]);
		if (n <= len && !strncmp(w, known_words[i], n) &&
		    (n == len || w[n] == '='))
			return known_words[i];
	}
	return NULL;
}

/*
 * Edit distance between a[0..la) and b[0..lb), counting insertions,
 * deletions, substitutions and swaps of two neighbours as one edit each
 * (optimal string alignment); words longer than WORD_MAX are "far".
 */
static size_t word_distance(const char *a, size_t la, const char *b, size_t lb)
{
	size_t d[3][WORD_MAX + 1], i, j;

	if (la > WORD_MAX || lb > WORD_MAX)
		return WORD_MAX;
	for (j = 0; j <= lb; j++)
		d[0][j] = j;
	for (i = 1; i <= la; i++) {
		size_t *row = d[i % 3], *up = d[(i - 1) % 3], *up2 = d[(i + 1) % 3];

		row[0] = i;
		for (j = 1; j <= lb; j++) {
			size_t cost = a[i - 1] != b[j - 1];

			row[j] = MIN(MIN(up[j] + 1, row[j - 1] + 1), up[j - 1] + cost);
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
				row[j] = MIN(row[j], up2[j - 2] + 1);
		}
	}
	return d[la % 3][lb];
}

/*
 * The known word that name[0..len) is probably a typo of: within one
 * edit of a short word (five letters or fewer), two of a longer one.
 */
static const char *word_misspelt(const char *name, size_t len)
{
	size_t i, n;

	for (i = 0; i < ARRAY_SIZE(known_words); i++) {
		n = strlen(known_words[i]);
		if (word_distance(name, len, known_words[i], n) <= (n <= 5 ? 1u : 2u))
			return known_words[i];
	}
	return NULL;
}

/*
 * One word the kernel does not know. Boot loaders add their own: the
 * Pi firmware's "reboot=w coherent_pool=1M 8250.nr_uarts=1 ...", all
 * key=value (a.b=c for Linux module parameters), meant for Linux. Those
 * pass quietly unless the key is a typo of one of ours; a bare word
 * (no '=') is reported, with the word it probably meant.
 */
static void report_word(const char *w, size_t len)
{
	const char *eq = memchr(w, '=', len);
	size_t klen = eq ? (size_t)(eq - w) : len;
	const char *near = klen ? word_misspelt(w, klen) : NULL;

	if (eq && klen && !near)
		return;
	if (near)
		pr_warn("[BOOT] ignoring unknown option '%.*s': did you mean '%s'?\n",
			(int)len, w, near);
	else
		pr_warn("[BOOT] ignoring unknown option '%.*s'\n", (int)len, w);
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
		if (p > w && !word_known(w, (size_t)(p - w)))
			report_word(w, (size_t)(p - w));
	}
}

/* loglevel=N as asked; out of range, the nearest valid level. */
static u64 asked_loglevel;

void cmdline_init(const char *bootloader)
{
	int n = snprintf(cmdline, sizeof(cmdline), "%s%s%s", CONFIG_CMDLINE,
			 CONFIG_CMDLINE[0] ? " " : "", bootloader ? bootloader : "");

	cmdline_cut = n >= (int)sizeof(cmdline);
	asked_loglevel = cmdline_get_u64("loglevel", (u64)console_loglevel);
	console_loglevel = (int)MIN(asked_loglevel, (u64)LOG_DEBUG);
}

void cmdline_report(void)
{
	if (cmdline_cut)
		pr_warn("[BOOT] command line longer than %d characters: the rest is ignored\n",
			CMDLINE_MAX - 1);
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

	if (!cmdline_get(name, buf, sizeof(buf)))
		return def;
	v = kstrtoull(buf, &end, 0);
	if (!buf[0] || *end) {
		pr_warn("[BOOT] %s=%s is not a number: ignored\n", name, buf);
		return def;
	}
	return v;
}

void cmdline_not_built(const char *word, const char *option)
{
	pr_warn("[BOOT] '%s' asks for what this kernel is built without (%s)\n", word, option);
}
