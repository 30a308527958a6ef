// SPDX-License-Identifier: MIT
/*
 * fixdep: turn a gcc -MMD dependency file into one that depends on the
 * configuration symbols a file really uses, so that changing one Kconfig
 * symbol rebuilds only the objects that mention it.
 *
 * Every object is compiled with "-include autoconf.h", so gcc lists
 * autoconf.h as a prerequisite of everything. fixdep drops that entry and
 * instead scans each listed file for CONFIG_<NAME> words and adds
 * $(wildcard <configdir>/<name with _ as />.h) for each, the files that
 * Kconfiglib's sync_deps() touches when a symbol's value changes.
 *
 * usage: fixdep <depfile> <target> <configdir>   (result on stdout)
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SYMS 4096

static char *seen[MAX_SYMS];
static int nseen;

static char *slurp(const char *path, long *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	*len = ftell(f);
	rewind(f);
	buf = malloc(*len + 1);
	if (!buf || fread(buf, 1, *len, f) != (size_t)*len) {
		fclose(f);
		free(buf);
		return NULL;
	}
	buf[*len] = '\0';
	fclose(f);
	return buf;
}

static void use_symbol(const char *name, int n, const char *configdir)
{
	char sym[256];
	int i;

	if (n <= 0 || n >= (int)sizeof(sym))
		return;
	memcpy(sym, name, n);
	sym[n] = '\0';
	for (i = 0; i < nseen; i++)
		if (!strcmp(seen[i], sym))
			return;
	if (nseen == MAX_SYMS)
		return;
	seen[nseen++] = strdup(sym);
	printf("    $(wildcard %s/", configdir);
	for (i = 0; i < n; i++)
		putchar(sym[i] == '_' ? '/' : tolower((unsigned char)sym[i]));
	printf(".h) \\\n");
}

static void scan_file(const char *path, const char *configdir)
{
	long len, i;
	char *buf = slurp(path, &len);

	if (!buf)
		return;
	for (i = 0; i + 7 < len; i++) {
		long j;

		if (memcmp(buf + i, "CONFIG_", 7))
			continue;
		if (i > 0 && (isalnum((unsigned char)buf[i - 1]) || buf[i - 1] == '_'))
			continue;
		j = i + 7;
		while (j < len && (isalnum((unsigned char)buf[j]) || buf[j] == '_'))
			j++;
		use_symbol(buf + i + 7, (int)(j - i - 7), configdir);
		i = j;
	}
	free(buf);
}

int main(int argc, char **argv)
{
	long len;
	char *dep, *p, *tok;
	char *deps[MAX_SYMS];
	int after_colon = 0, ndeps = 0, i;

	if (argc != 4) {
		fprintf(stderr, "usage: fixdep <depfile> <target> <configdir>\n");
		return 2;
	}
	dep = slurp(argv[1], &len);
	if (!dep) {
		perror(argv[1]);
		return 1;
	}
	/* gcc's -MP phony targets follow a blank line: keep only the first rule. */
	p = strstr(dep, "\n\n");
	if (p)
		*p = '\0';
	printf("%s: \\\n", argv[2]);
	for (tok = strtok(dep, " \t\n\\"); tok; tok = strtok(NULL, " \t\n\\")) {
		if (!after_colon) {
			after_colon = tok[strlen(tok) - 1] == ':';
			continue;
		}
		if (strstr(tok, "include/generated/autoconf.h"))
			continue;
		printf("    %s \\\n", tok);
		scan_file(tok, argv[3]);
		if (ndeps < MAX_SYMS)
			deps[ndeps++] = tok;
	}
	printf("\n");
	/* A header that disappears must not break the next build. */
	for (i = 1; i < ndeps; i++)
		printf("%s:\n", deps[i]);
	return 0;
}
