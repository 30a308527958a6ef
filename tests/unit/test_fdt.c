/*
 * drivers/firmware/fdt.c on real blobs: QEMU virt's own device trees
 * (GICv2/v3, EL2 on/off, dumped with -machine dumpdtb=) and the rpi5 board
 * tree compiled from boards/rpi5/rpi5.dts with dtc at test time. Then
 * damaged blobs: each is refused with a message saying what is wrong, and
 * none makes the reader step outside its buffer (every blob sits in a
 * malloc'ed buffer of exactly its size, so ASan sees any overrun).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sis/compiler.h>
#include <sis/errno.h>
#include <sis/fdt.h>

#include "host.h"

#define SRCTREE UNIT_DATA "/../../.."

struct blob {
	u8 *data;
	size_t size;
};

static struct blob read_stream(FILE *fp)
{
	struct blob b = { NULL, 0 };
	u8 tmp[65536];
	size_t n = fread(tmp, 1, sizeof(tmp), fp);

	assert_true(n > 0 && n < sizeof(tmp));
	b.data = malloc(n);
	assert_non_null(b.data);
	memcpy(b.data, tmp, n);
	b.size = n;
	return b;
}

static struct blob load(const char *name)
{
	char path[512];
	struct blob b;
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", UNIT_DATA, name);
	fp = fopen(path, "rb");
	assert_non_null(fp);
	b = read_stream(fp);
	fclose(fp);
	return b;
}

/* Compile device tree source with dtc (the board's tree, or a variant). */
static struct blob compile_dts(const char *src_path)
{
	char cmd[1024];
	struct blob b;
	FILE *fp;

	snprintf(cmd, sizeof(cmd), "dtc -q -I dts -O dtb '%s'", src_path);
	fp = popen(cmd, "r");
	assert_non_null(fp);
	b = read_stream(fp);
	assert_int_equal(pclose(fp), 0);
	return b;
}

static struct blob rpi5_dtb(void)
{
	return compile_dts(SRCTREE "/boards/rpi5/rpi5.dts");
}

static u64 reg0(const struct fdt *f, int node, u64 *size)
{
	u64 addr = ~0ull;

	assert_int_equal(fdt_reg(f, node, 0, &addr, size), 0);
	return addr;
}

/* The CPU list in tree order: each cpu node's reg (the MPIDR). */
static unsigned int cpu_mpidrs(const struct fdt *f, u64 *out, unsigned int max)
{
	int cpus = fdt_path(f, "/cpus"), n;
	unsigned int count = 0;

	assert_true(cpus >= 0);
	assert_int_equal(fdt_addr_cells(f, cpus), 1);
	for (n = fdt_first_child(f, cpus); n >= 0; n = fdt_next_sibling(f, n)) {
		u32 len;
		const void *reg = fdt_prop(f, n, "reg", &len);

		if (!fdt_prop_has(f, n, "device_type", "cpu"))
			continue;
		assert_non_null(reg);
		assert_int_equal(len, 4);
		assert_true(fdt_prop_has(f, n, "enable-method", "psci"));
		if (count < max)
			out[count] = fdt32(reg);
		count++;
	}
	return count;
}

static void check_qemu(const char *file, int gic, bool el2)
{
	struct blob b = load(file);
	struct fdt f;
	const char *why = "unset";
	u64 mpidr[8], size, addr;
	int n, psci, gicn;

	assert_int_equal(fdt_open(&f, b.data, b.size, &why), 0);
	assert_null(why);
	/* Four CPUs, MPIDRs in Aff0. */
	assert_int_equal(cpu_mpidrs(&f, mpidr, 8), 4);
	for (n = 0; n < 4; n++)
		assert_int_equal(mpidr[n], n);
	/* PSCI: SMC with EL2 (an emulated EL3 answers), HVC without. */
	psci = fdt_path(&f, "/psci");
	assert_true(psci >= 0);
	assert_string_equal(fdt_prop_str(&f, psci, "method"), el2 ? "smc" : "hvc");
	assert_true(fdt_is_compatible(&f, psci, "arm,psci-0.2"));
	/* The GIC and its registers. */
	gicn = fdt_find_compatible(&f, -1, gic == 2 ? "arm,cortex-a15-gic" : "arm,gic-v3");
	assert_true(gicn >= 0);
	assert_int_equal(fdt_find_compatible(&f, -1, gic == 2 ? "arm,gic-v3" : "arm,cortex-a15-gic"),
			 -ENOENT);
	assert_int_equal(reg0(&f, gicn, &size), 0x08000000);
	assert_int_equal(size, 0x10000);
	assert_int_equal(fdt_reg(&f, gicn, 1, &addr, &size), 0);
	assert_int_equal(addr, gic == 2 ? 0x08010000 : 0x080a0000);
	/* RAM and console. */
	n = fdt_path(&f, "/memory");
	assert_true(n >= 0);
	assert_int_equal(reg0(&f, n, &size), 0x40000000);
	assert_int_equal(size, 0x40000000);
	n = fdt_stdout(&f);
	assert_true(n >= 0);
	assert_true(fdt_is_compatible(&f, n, "arm,pl011"));
	assert_int_equal(reg0(&f, n, NULL), 0x09000000);
	/* Timer PPIs: non-secure physical 14, virtual 11. */
	n = fdt_path(&f, "/timer");
	assert_true(n >= 0);
	{
		u32 len;
		const u8 *irq = fdt_prop(&f, n, "interrupts", &len);

		assert_int_equal(len, 48);
		assert_int_equal(fdt32(irq + 16), 14);
		assert_int_equal(fdt32(irq + 28), 11);
	}
	free(b.data);
}

static void test_qemu_gicv2_el2(void **state)
{
	check_qemu("qemu-virt-gicv2-el2on.dtb", 2, true);
}

static void test_qemu_gicv3_el2(void **state)
{
	check_qemu("qemu-virt-gicv3-el2on.dtb", 3, true);
}

static void test_qemu_gicv2_el1(void **state)
{
	check_qemu("qemu-virt-gicv2-el2off.dtb", 2, false);
}

static void test_qemu_gicv3_el1(void **state)
{
	check_qemu("qemu-virt-gicv3-el2off.dtb", 3, false);
}

static void test_rpi5(void **state)
{
	struct blob b = rpi5_dtb();
	struct fdt f;
	u64 mpidr[8], size, addr;
	int n;

	assert_int_equal(fdt_open(&f, b.data, b.size, NULL), 0);
	assert_int_equal(cpu_mpidrs(&f, mpidr, 8), 4);
	assert_int_equal(mpidr[0], 0x000);
	assert_int_equal(mpidr[1], 0x100);
	assert_int_equal(mpidr[2], 0x200);
	assert_int_equal(mpidr[3], 0x300);
	/* GIC-400 behind the soc bus's ranges. */
	n = fdt_find_compatible(&f, -1, "arm,gic-400");
	assert_true(n >= 0);
	assert_int_equal(reg0(&f, n, &size), 0x107fff9000ull);
	assert_int_equal(size, 0x1000);
	assert_int_equal(fdt_reg(&f, n, 1, &addr, NULL), 0);
	assert_int_equal(addr, 0x107fffa000ull);
	assert_int_equal(fdt_reg(&f, n, 4, &addr, NULL), -ENOENT);
	/* uart10 through the stdout-path alias "serial10:115200n8". */
	n = fdt_stdout(&f);
	assert_true(n >= 0);
	assert_true(fdt_is_compatible(&f, n, "arm,pl011"));
	assert_int_equal(reg0(&f, n, NULL), 0x107d001000ull);
	assert_int_equal(fdt_path(&f, "serial10"), n);
	/* PSCI over SMC. */
	n = fdt_path(&f, "/psci");
	assert_string_equal(fdt_prop_str(&f, n, "method"), "smc");
	/* RAM from 0; BL31 reserved both ways. */
	n = fdt_path(&f, "/memory");
	assert_int_equal(reg0(&f, n, &size), 0);
	assert_true(size >= 0x40000000);
	n = fdt_path(&f, "/reserved-memory/atf");
	assert_true(n >= 0);
	assert_non_null(fdt_prop(&f, n, "no-map", NULL));
	assert_int_equal(reg0(&f, n, &size), 0);
	assert_int_equal(size, 0x80000);
	assert_int_equal(fdt_memreserve(&f, 0, &addr, &size), 0);
	assert_int_equal(size, 0x80000);
	assert_int_equal(fdt_memreserve(&f, 1, &addr, &size), -ENOENT);
	assert_string_equal(fdt_prop_str(&f, fdt_path(&f, "/chosen"), "bootargs"), "");
	free(b.data);
}

/*
 * A reg entry the bus ranges do not cover is -ERANGE, and a failing
 * fdt_reg leaves its outputs as they were (a caller that misses the error
 * must not get the untranslated address: of-bad-ranges.dts puts the GIC's
 * distributor at bus address 0x200000, outside the soc's 1 MiB window).
 */
static void test_reg_untouched_on_error(void **state)
{
	struct blob b = compile_dts(UNIT_DATA "/of-bad-ranges.dts");
	struct fdt f;
	u64 addr = 0x5a5a, size = 0xa5a5;
	int gic;

	assert_int_equal(fdt_open(&f, b.data, b.size, NULL), 0);
	gic = fdt_find_compatible(&f, -1, "arm,cortex-a15-gic");
	assert_true(gic >= 0);
	assert_int_equal(fdt_reg(&f, gic, 0, &addr, &size), -ERANGE);
	assert_int_equal(addr, 0x5a5a);
	assert_int_equal(size, 0xa5a5);
	assert_int_equal(fdt_reg(&f, gic, 2, &addr, &size), -ENOENT);
	assert_int_equal(addr, 0x5a5a);
	/* The second entry is covered: translated into the window. */
	assert_int_equal(fdt_reg(&f, gic, 1, &addr, &size), 0);
	assert_int_equal(addr, 0x10002000);
	assert_int_equal(size, 0x2000);
	/* The reservation block's terminator leaves the outputs alone too. */
	addr = size = 7;
	assert_int_equal(fdt_memreserve(&f, 1, &addr, &size), -ENOENT);
	assert_int_equal(addr, 7);
	assert_int_equal(size, 7);
	assert_int_equal(fdt_memreserve(&f, 0, &addr, &size), 0);
	assert_int_equal(addr, 0x4ff00000);
	free(b.data);
}

/* Every accessor over every node of a blob fdt_open accepted: no overrun. */
static void walk_all(const struct fdt *f)
{
	int n, depth = 0;
	u64 a, s;

	for (n = fdt_root(f); n >= 0; n = fdt_next_node(f, n, &depth)) {
		fdt_node_name(f, n);
		fdt_parent(f, n);
		fdt_first_child(f, n);
		fdt_next_sibling(f, n);
		fdt_prop_str(f, n, "compatible");
		fdt_prop_has(f, n, "compatible", "arm,gic-400");
		fdt_prop_u32(f, n, "#address-cells", 0);
		fdt_reg(f, n, 0, &a, &s);
		fdt_reg(f, n, 1, &a, &s);
		if (depth < 0)
			break;
	}
	fdt_stdout(f);
	fdt_path(f, "/cpus/cpu@0");
	fdt_path(f, "serial10/x");
	fdt_memreserve(f, 0, &a, &s);
}

/* A copy of b, of exactly len bytes, with edits applied by the caller. */
static u8 *copy(const struct blob *b, size_t len)
{
	u8 *p = malloc(len ? len : 1);

	assert_non_null(p);
	memcpy(p, b->data, MIN(len, b->size));
	return p;
}

static void put32(u8 *p, u32 v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

static void expect_refused(u8 *p, size_t len, const char *words)
{
	struct fdt f;
	const char *why = NULL;

	assert_int_equal(fdt_open(&f, p, len, &why), -EINVAL);
	assert_non_null(why);
	if (!strstr(why, words))
		fail_msg("expected '%s' in the error, got '%s'", words, why);
	assert_int_equal(fdt_root(&f), -EINVAL);
	assert_int_equal(fdt_path(&f, "/cpus"), -ENOENT);
	free(p);
}

static void test_bad_header(void **state)
{
	struct blob b = rpi5_dtb();
	u8 *p;

	p = copy(&b, b.size);
	p[0] ^= 0xff;
	expect_refused(p, b.size, "bad magic");
	expect_refused(copy(&b, 20), 20, "smaller than a device tree header");
	expect_refused(copy(&b, b.size - 1), b.size - 1, "truncated");
	p = copy(&b, b.size);
	put32(p + 8, ALIGN_UP((u32)b.size, 4u) + 64);		/* off_dt_struct */
	expect_refused(p, b.size, "structure block lies outside");
	p = copy(&b, b.size);
	put32(p + 36, (u32)b.size);		/* size_dt_struct */
	expect_refused(p, b.size, "structure block lies outside");
	p = copy(&b, b.size);
	put32(p + 12, 0xfffffff0);		/* off_dt_strings */
	expect_refused(p, b.size, "strings block lies outside");
	p = copy(&b, b.size);
	put32(p + 32, 0x7fffffff);		/* size_dt_strings */
	expect_refused(p, b.size, "strings block lies outside");
	p = copy(&b, b.size);
	put32(p + 16, 0x2c);			/* off_mem_rsvmap misaligned */
	expect_refused(p, b.size, "misaligned");
	p = copy(&b, b.size);
	put32(p + 20, 3);			/* version */
	expect_refused(p, b.size, "version");
	p = copy(&b, b.size);
	put32(p + 4, 0x7fffffff);		/* totalsize */
	expect_refused(p, b.size, "totalsize");
	free(b.data);
}

/* Every truncation of a real blob is refused, never read past. */
static void test_truncated(void **state)
{
	struct blob b = load("qemu-virt-gicv3-el2on.dtb");
	size_t len;

	for (len = 0; len < b.size; len++) {
		struct fdt f;
		u8 *p = copy(&b, len);

		assert_int_not_equal(fdt_open(&f, p, len, NULL), 0);
		free(p);
	}
	free(b.data);
}

static void test_bad_struct(void **state)
{
	struct blob b = rpi5_dtb();
	u32 off_struct = fdt32(b.data + 8), size_struct = fdt32(b.data + 36);
	u8 *p;

	p = copy(&b, b.size);
	put32(p + off_struct, 0x77);		/* the root's BEGIN_NODE */
	expect_refused(p, b.size, "unknown token");
	p = copy(&b, b.size);
	put32(p + off_struct + size_struct - 4, 4);	/* FDT_END -> NOP */
	expect_refused(p, b.size, "without an FDT_END");
	p = copy(&b, b.size);
	put32(p + off_struct + size_struct - 8, 4);	/* root's END_NODE -> NOP */
	expect_refused(p, b.size, "ends inside a node");
	free(b.data);
}

/* A property whose length or name offset points outside its block. */
static void test_bad_prop(void **state)
{
	struct blob b = rpi5_dtb();
	u32 off = fdt32(b.data + 8), pos;
	u8 *p;

	/* The first property follows the root's BEGIN_NODE and empty name. */
	pos = off + 8;
	assert_int_equal(fdt32(b.data + pos), 3);
	p = copy(&b, b.size);
	put32(p + pos + 4, 0x100000);		/* len */
	expect_refused(p, b.size, "property runs past");
	p = copy(&b, b.size);
	put32(p + pos + 8, 0x100000);		/* nameoff */
	expect_refused(p, b.size, "property name outside");
	free(b.data);
}

/* A tree without the nodes the kernel needs: lookups fail cleanly. */
static void test_missing_nodes(void **state)
{
	static const char src[] =
		"/dts-v1/;\n/ { #address-cells = <2>; #size-cells = <2>;\n"
		"  chosen { stdout-path = \"serial0:115200n8\"; };\n"
		"  cpus { #address-cells = <1>; #size-cells = <0>; };\n"
		"  soc { #address-cells = <1>; #size-cells = <1>;\n"
		"    uart@1000 { compatible = \"arm,pl011\"; reg = <0x1000 0x100>; };\n"
		"  };\n};\n";
	char path[] = "/tmp/sis-fdt-XXXXXX";
	struct blob b;
	struct fdt f;
	u64 addr;
	int fd = mkstemp(path), n;
	FILE *fp = fdopen(fd, "w");

	fputs(src, fp);
	fclose(fp);
	b = compile_dts(path);
	remove(path);
	assert_int_equal(fdt_open(&f, b.data, b.size, NULL), 0);
	assert_int_equal(fdt_path(&f, "/psci"), -ENOENT);
	assert_int_equal(fdt_path(&f, "/memory"), -ENOENT);
	assert_int_equal(fdt_find_compatible(&f, -1, "arm,gic-400"), -ENOENT);
	assert_int_equal(fdt_first_child(&f, fdt_path(&f, "/cpus")), -ENOENT);
	assert_int_equal(fdt_stdout(&f), -ENOENT);	/* no aliases node */
	/* A bus without ranges is not memory mapped. */
	n = fdt_find_compatible(&f, -1, "arm,pl011");
	assert_true(n >= 0);
	assert_int_equal(fdt_reg(&f, n, 0, &addr, NULL), -ERANGE);
	walk_all(&f);
	free(b.data);
}

/* Random damage: whatever fdt_open accepts is safe to walk. */
static void test_fuzz(void **state)
{
	struct blob b = rpi5_dtb();
	unsigned int i, seed = 1;

	for (i = 0; i < 20000; i++) {
		struct fdt f;
		u8 *p = copy(&b, b.size);
		unsigned int k, flips = 1 + i % 4;

		for (k = 0; k < flips; k++) {
			seed = seed * 1103515245 + 12345;
			p[(seed >> 8) % b.size] ^= (u8)(1u << (seed % 8));
		}
		if (fdt_open(&f, p, b.size, NULL) == 0)
			walk_all(&f);
		free(p);
	}
	free(b.data);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_qemu_gicv2_el2),
		cmocka_unit_test(test_qemu_gicv3_el2),
		cmocka_unit_test(test_qemu_gicv2_el1),
		cmocka_unit_test(test_qemu_gicv3_el1),
		cmocka_unit_test(test_rpi5),
		cmocka_unit_test(test_reg_untouched_on_error),
		cmocka_unit_test(test_bad_header),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_bad_struct),
		cmocka_unit_test(test_bad_prop),
		cmocka_unit_test(test_missing_nodes),
		cmocka_unit_test(test_fuzz),
	};

	return cmocka_run_group_tests_name("fdt", tests, NULL, NULL);
}
