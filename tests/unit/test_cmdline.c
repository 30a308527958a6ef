/* kernel/cmdline.c: words, values, which unknown words are reported and how. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include <sis/cmdline.h>
#include <sis/printk.h>

#include "host.h"

static void test_words(void **state)
{
	char buf[32];

	cmdline_init("ktest=smp,locks poweroff  loglevel=7");
	assert_true(cmdline_has("poweroff"));
	assert_true(cmdline_has("ktest"));
	assert_false(cmdline_has("power"));
	assert_false(cmdline_has("bench"));
	assert_string_equal(cmdline_get("ktest", buf, sizeof(buf)), "smp,locks");
	assert_null(cmdline_get("poweroff", buf, sizeof(buf)));
	assert_int_equal(cmdline_get_u64("loglevel", 3), 7);
	assert_int_equal(cmdline_get_u64("soak", 30), 30);
	assert_string_equal(cmdline_str(), "ktest=smp,locks poweroff  loglevel=7");
}

static void test_unknown_reported(void **state)
{
	host_log_clear();
	cmdline_init("poweroff frobnicate soak=x");
	assert_null(strstr(host_log, "frobnicate"));	/* not before the banner */
	cmdline_report();
	assert_non_null(strstr(host_log, "[BOOT] ignoring unknown option 'frobnicate'"));
	assert_null(strstr(host_log, "poweroff'"));
	/* A malformed number falls back to the default, with one line. */
	host_log_clear();
	assert_int_equal(cmdline_get_u64("soak", 30), 30);
	assert_non_null(strstr(host_log, "[BOOT] soak=x is not a number: ignored"));
	cmdline_init("maxcpus=");
	host_log_clear();
	assert_int_equal(cmdline_get_u64("maxcpus", 4), 4);
	assert_non_null(strstr(host_log, "[BOOT] maxcpus= is not a number: ignored"));
}

/*
 * What the Pi 5 firmware puts before cmdline.txt (a Raspberry Pi OS boot's
 * "Kernel command line:" as Linux logged it), then sis's own words.
 */
#define PI5_FIRMWARE_ARGS \
	"reboot=w coherent_pool=1M 8250.nr_uarts=1 pci=pcie_bus_safe " \
	"cgroup_disable=memory numa_policy=interleave nvme.max_host_mem_size_mb=0  " \
	"numa=fake=8 system_heap.max_order=0 smsc95xx.macaddr=2C:CF:67:35:66:D3 " \
	"vc_mem.mem_base=0x3fc00000 vc_mem.mem_size=0x40000000  " \
	"console=ttyAMA10,115200 "

static void test_pi5_firmware_args_quiet(void **state)
{
	host_log_clear();
	cmdline_init(PI5_FIRMWARE_ARGS "ktest=smp poweroff");
	cmdline_report();
	assert_string_equal(host_log, "");
	assert_true(cmdline_has("poweroff"));
	assert_true(cmdline_has("ktest"));
	/* The rest of a Raspberry Pi OS cmdline.txt: key=value quiet, bare words not. */
	host_log_clear();
	cmdline_init(PI5_FIRMWARE_ARGS "console=tty1 root=PARTUUID=94966f0a-02 rootfstype=ext4 "
		     "fsck.repair=yes rootwait quiet plymouth.ignore-serial-consoles "
		     "cfg80211.ieee80211_regdom=GB cgroup_enable=memory swapaccount=1 "
		     "usb-storage.quirks=0781:55dd:u dwc_otg.lpm_enable=0 audit=0 ro");
	cmdline_report();
	assert_non_null(strstr(host_log, "[BOOT] ignoring unknown option 'rootwait'\n"));
	assert_non_null(strstr(host_log, "[BOOT] ignoring unknown option 'quiet'\n"));
	assert_non_null(strstr(host_log, "[BOOT] ignoring unknown option 'ro'\n"));
	assert_null(strstr(host_log, "did you mean"));
	assert_null(strstr(host_log, "="));
}

static void expect_hint(const char *line, const char *word, const char *meant)
{
	char want[128];

	host_log_clear();
	cmdline_init(line);
	cmdline_report();
	snprintf(want, sizeof(want), "[BOOT] ignoring unknown option '%s': did you mean '%s'?\n",
		 word, meant);
	assert_non_null(strstr(host_log, want));
}

static void test_misspelt_words(void **state)
{
	expect_hint("ktset poweroff", "ktset", "ktest");		/* swapped letters */
	expect_hint("ktest powerof", "powerof", "poweroff");	/* one left out */
	expect_hint("loglevl=3", "loglevl=3", "loglevel");	/* key=value, key misspelt */
	expect_hint("ktets=smp", "ktets=smp", "ktest");
	expect_hint("pwoerof", "pwoerof", "poweroff");		/* two edits, long word */
	expect_hint("sched-demo", "sched-demo", "sched_demo");
	expect_hint("soal=5", "soal=5", "soak");
	expect_hint("Bench", "Bench", "bench");
	/* Too far from any of ours: a bare word plainly, key=value quietly. */
	host_log_clear();
	cmdline_init("kt poweroff pwrff=1 swap=1 loggerlevel=2 soaks=1.2");
	cmdline_report();
	assert_non_null(strstr(host_log, "[BOOT] ignoring unknown option 'kt'\n"));
	assert_null(strstr(host_log, "pwrff"));
	assert_null(strstr(host_log, "swap"));
	assert_null(strstr(host_log, "loggerlevel"));
	/* "soaks" is one edit from "soak": reported even with a value. */
	assert_non_null(strstr(host_log, "'soaks=1.2': did you mean 'soak'?"));
	/* Words as long as a line, an empty key. */
	host_log_clear();
	cmdline_init("=5 ktestktestktestktestktest=1");
	cmdline_report();
	assert_non_null(strstr(host_log, "[BOOT] ignoring unknown option '=5'\n"));
	assert_null(strstr(host_log, "ktestktest"));
}

static void test_loglevel_clamped(void **state)
{
	host_log_clear();
	cmdline_init("loglevel=99");
	assert_int_equal(console_loglevel, 7);
	cmdline_report();
	assert_non_null(strstr(host_log, "[BOOT] loglevel=99 is out of range 0-7: using 7"));
	host_log_clear();
	cmdline_init("loglevel=3");
	assert_int_equal(console_loglevel, 3);
	cmdline_report();
	assert_null(strstr(host_log, "loglevel"));
	console_loglevel = 7;
}

static void test_long_and_empty(void **state)
{
	char big[CMDLINE_MAX * 2];
	char buf[4];

	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	host_log_clear();
	cmdline_init(big);		/* truncated, not overflowed, and said */
	assert_int_equal(strlen(cmdline_str()), CMDLINE_MAX - 1);
	cmdline_report();
	assert_non_null(strstr(host_log, "[BOOT] command line longer than 2047 characters"));
	cmdline_init(NULL);
	assert_false(cmdline_has("poweroff"));
	cmdline_init("ktest=abcdef");
	assert_string_equal(cmdline_get("ktest", buf, sizeof(buf)), "abc");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_unknown_reported),
		cmocka_unit_test(test_pi5_firmware_args_quiet),
		cmocka_unit_test(test_misspelt_words),
		cmocka_unit_test(test_loglevel_clamped),
		cmocka_unit_test(test_long_and_empty),
	};

	return cmocka_run_group_tests_name("cmdline", tests, NULL, NULL);
}
