// SPDX-License-Identifier: GPL-2.0-only
/*
 * Firmware load tests of the iris driver on the Qualcomm PAS test rig with
 * a TrustZone that has the resource-table call (the rig_tz.gen=rsctable
 * boot; skipped in the others): the device memory PAS 9's table lists,
 * mapped with the carveout and unmapped with it; tables without entries;
 * tables iris refuses; a failure at each step of such a load; a refused
 * shutdown with the windows mapped. In make test-debug, inside one
 * kmemleak window.
 */

#include <kunit/test.h>
#include <linux/bits.h>
#include <linux/device.h>
#include <linux/iommu.h>
#include <linux/rsc_table.h>
#include <qcom_pas_rig/test.h>

#include "iris_firmware.h"
#include "iris_firmware_rig.h"

#define IRIS_TEST_RSC_CYCLES	10

/* A device-memory entry of TrustZone's resource table */
struct iris_test_rsc_devmem {
	struct fw_rsc_hdr hdr;
	struct fw_rsc_devmem devmem;
} __packed;

/*
 * Two windows in unused MMIO of QEMU virt's platform bus, never RAM; the
 * second at a device address that is not its physical one, so that the
 * mapping must take the entry's device address
 */
static const struct fw_rsc_devmem iris_test_rsc_windows[] = {
	{ .da = 0x0c100000, .pa = 0x0c100000, .len = 0x1000,
	  .flags = IOMMU_READ | IOMMU_WRITE | IOMMU_MMIO | IOMMU_NOEXEC },
	{ .da = 0x40000000, .pa = 0x0c102000, .len = 0x2000,
	  .flags = IOMMU_READ | IOMMU_MMIO | IOMMU_NOEXEC },
};

/* The table TrustZone returns for PAS 9: header, offsets, then the entries */
static void iris_test_set_rsc_table(struct kunit *test)
{
	const unsigned int num = ARRAY_SIZE(iris_test_rsc_windows);
	struct iris_test_rsc_devmem *entry;
	struct resource_table *table;
	size_t size;
	unsigned int i;

	size = struct_size(table, offset, num) + num * sizeof(*entry);
	table = kunit_kzalloc(test, size, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, table);
	table->ver = 1;
	table->num = num;
	entry = (void *)&table->offset[num];
	for (i = 0; i < num; i++, entry++) {
		table->offset[i] = (void *)entry - (void *)table;
		entry->hdr.type = RSC_DEVMEM;
		entry->devmem = iris_test_rsc_windows[i];
	}
	rig_set_rsc_table_call(test, true);
	rig_set_tz_table(test, RIG_PAS_ID_VIDEO, table, size);
}

/* The carveout and both windows mapped, each as TrustZone's table gives it */
static void iris_test_check_rsc_mapped(struct kunit *test, struct iris_test *it)
{
	const struct fw_rsc_devmem *w = iris_test_rsc_windows;
	char why[96];
	int i;

	KUNIT_EXPECT_TRUE(test, it->core.fw_mapped);
	KUNIT_EXPECT_EQ(test, rig_smmu_mapped_bytes(it->core.fw_dev),
			resource_size(&it->mem) + w[0].len + w[1].len);
	for (i = 0; i < ARRAY_SIZE(iris_test_rsc_windows); i++)
		KUNIT_EXPECT_EQ_MSG(test, rig_smmu_domain_check(it->core.fw_domain,
								w[i].da, w[i].pa,
								w[i].len, w[i].flags,
								why, sizeof(why)), 0,
				    "resource %d: %s", i, why);
}

/*
 * A load with TrustZone's table: one table call, one authentication, the
 * carveout and both windows mapped in three iommu_map() calls. @t and @s
 * return the load's counters.
 */
static void iris_test_rsc_load(struct kunit *test, struct iris_test *it,
			       struct rig_tz_counters *t, struct rig_smmu_counters *s)
{
	rig_tz_reset_counters();
	rig_smmu_reset_counters();
	KUNIT_ASSERT_EQ(test, iris_fw_load(&it->core), 0);
	rig_tz_get_counters(t);
	rig_smmu_get_counters(s);
	KUNIT_EXPECT_EQ(test, t->get_rsc_table, 1);
	KUNIT_EXPECT_EQ(test, t->auth_ok, 1);
	KUNIT_EXPECT_EQ_MSG(test, t->violations, 0, "%s", rig_tz_last_violation());
	KUNIT_EXPECT_EQ(test, s->map_calls, 3);
	iris_test_check_rsc_mapped(test, it);
}

/*
 * TrustZone has the resource-table call and lists device memory for PAS 9:
 * each load asks for the table, maps the carveout and both windows in one
 * qcom_rproc_map_regions() (the fake TrustZone checks the windows at the
 * auth, read back from the page tables), and each unload unmaps all three
 * in one IOTLB sync.
 */
static void iris_test_rsc_table_devmem(struct kunit *test)
{
	struct rig_smmu_counters s;
	struct rig_tz_counters t;
	struct iris_test *it;
	int i;

	iris_test_set_rsc_table(test);
	it = iris_test_pas_core(test);

	for (i = 0; i < IRIS_TEST_RSC_CYCLES && !test->status; i++) {
		iris_test_rsc_load(test, it, &t, &s);

		rig_smmu_reset_counters();
		KUNIT_EXPECT_EQ(test, iris_fw_unload(&it->core), 0);
		rig_smmu_get_counters(&s);
		KUNIT_EXPECT_EQ(test, s.tlb_syncs, 1);
		KUNIT_EXPECT_EQ(test, s.unmap_refused, 0);
		iris_test_check_clean(test, it);
	}
}

/* TrustZone calls of a load with the table: init_image, mem_setup, then it */
#define IRIS_TEST_RSC_CALL	3

/* Where a load with TrustZone's table fails once */
enum iris_test_rsc_step {
	IRIS_TEST_RSC_GET_TABLE,
	IRIS_TEST_RSC_MAP_CARVEOUT,
	IRIS_TEST_RSC_MAP_WINDOW0,
	IRIS_TEST_RSC_MAP_WINDOW1,
};

struct iris_test_rsc_fault {
	const char *name;
	enum iris_test_rsc_step step;
	bool first;
};

/* Regions mapped before the step fails: the carveout, then the windows */
static const unsigned int iris_test_rsc_mapped_before[] = {
	[IRIS_TEST_RSC_GET_TABLE] = 0,
	[IRIS_TEST_RSC_MAP_CARVEOUT] = 0,
	[IRIS_TEST_RSC_MAP_WINDOW0] = 1,
	[IRIS_TEST_RSC_MAP_WINDOW1] = 2,
};

static const struct iris_test_rsc_fault iris_test_rsc_faults[] = {
	{ "get_rsc_table", IRIS_TEST_RSC_GET_TABLE, false },
	{ "carveout map", IRIS_TEST_RSC_MAP_CARVEOUT, false },
	{ "first window map", IRIS_TEST_RSC_MAP_WINDOW0, false },
	{ "second window map", IRIS_TEST_RSC_MAP_WINDOW1, false },
	{ "get_rsc_table, first load", IRIS_TEST_RSC_GET_TABLE, true },
	{ "carveout map, first load", IRIS_TEST_RSC_MAP_CARVEOUT, true },
	{ "first window map, first load", IRIS_TEST_RSC_MAP_WINDOW0, true },
	{ "second window map, first load", IRIS_TEST_RSC_MAP_WINDOW1, true },
};

KUNIT_ARRAY_PARAM_DESC(iris_test_rsc_fault, iris_test_rsc_faults, name);

/*
 * A load with TrustZone's table fails at the table call or at one of the
 * three mappings: every region is mapped or none is, nothing is
 * authenticated, and the next load works. The windows are 4 KiB pages the
 * fake SMMU maps in one map_pages() call each, the last two of a load; the
 * second is two pages, so its failure leaves half of it for the IOMMU core
 * to take back. On the first load of a binding the failed attempt is
 * retried after a PAS 9 shutdown, and the load succeeds.
 */
static void iris_test_rsc_table_faults(struct kunit *test)
{
	const struct iris_test_rsc_fault *f = test->param_value;
	struct rig_smmu_counters s;
	struct rig_tz_counters t;
	unsigned long map_pages;
	struct iris_test *it;
	int ret;

	iris_test_set_rsc_table(test);
	it = iris_test_pas_core(test);
	KUNIT_ASSERT_EQ(test, iris_fw_load(&it->core), 0);
	rig_smmu_get_counters(&s);
	map_pages = s.map_pages;
	KUNIT_ASSERT_GT(test, map_pages, 2);
	KUNIT_ASSERT_EQ(test, iris_fw_unload(&it->core), 0);
	iris_test_check_clean(test, it);

	if (f->first) {
		/* remove(), then probe() again: a new binding */
		devres_release_group(it->core.dev, it->group);
		it->group = NULL;
		it = iris_test_pas_core(test);
	}

	rig_tz_reset_counters();
	rig_smmu_reset_counters();
	switch (f->step) {
	case IRIS_TEST_RSC_GET_TABLE:
		rig_fail_tz_call(test, IRIS_TEST_RSC_CALL, -EIO);
		break;
	case IRIS_TEST_RSC_MAP_CARVEOUT:
		rig_fail_map_pages(test, 1);
		break;
	case IRIS_TEST_RSC_MAP_WINDOW0:
		rig_fail_map_pages(test, map_pages - 1);
		break;
	case IRIS_TEST_RSC_MAP_WINDOW1:
		rig_fail_map_pages(test, map_pages);
		break;
	}

	ret = iris_fw_load(&it->core);
	rig_tz_get_counters(&t);
	rig_smmu_get_counters(&s);
	KUNIT_EXPECT_EQ(test, t.injected + s.map_failed, 1);
	KUNIT_EXPECT_EQ(test, t.get_rsc_table, f->first ? 2 : 1);
	/* The fault hit the region it aimed at; the retry maps all three */
	KUNIT_EXPECT_EQ(test, s.map_calls,
			iris_test_rsc_mapped_before[f->step] + (f->first ? 3 : 0));
	KUNIT_EXPECT_EQ(test, s.unmap_refused, 0);
	KUNIT_EXPECT_EQ_MSG(test, s.misuse, 0, "IOMMU API misused (see the log)");

	if (f->first) {
		KUNIT_ASSERT_EQ(test, ret, 0);
		KUNIT_EXPECT_EQ(test, t.init_image, 2);
		KUNIT_EXPECT_EQ(test, t.shutdown, 1);
		KUNIT_EXPECT_EQ(test, t.auth_ok, 1);
		iris_test_check_rsc_mapped(test, it);
		KUNIT_EXPECT_EQ(test, iris_fw_unload(&it->core), 0);
		iris_test_check_clean(test, it);
		return;
	}

	KUNIT_EXPECT_EQ(test, ret, f->step == IRIS_TEST_RSC_GET_TABLE ? -EIO : -ENOMEM);
	KUNIT_EXPECT_EQ(test, t.auth, 0);
	KUNIT_EXPECT_EQ(test, t.shutdown, 0);
	KUNIT_EXPECT_NULL(test, it->core.fw_regions);
	iris_test_check_clean(test, it);

	iris_test_rsc_load(test, it, &t, &s);
	KUNIT_EXPECT_EQ(test, iris_fw_unload(&it->core), 0);
	iris_test_check_clean(test, it);
}

/*
 * TrustZone refuses the shutdown of an unload: the carveout and both
 * windows stay mapped, since the firmware still runs and may use them. The
 * next load shuts the image down first, unmaps the three in one IOTLB
 * sync, asks for the table again and maps it again.
 */
static void iris_test_rsc_table_refused_shutdown(struct kunit *test)
{
	struct rig_smmu_counters s;
	struct rig_tz_counters t;
	struct iris_test *it;

	iris_test_set_rsc_table(test);
	it = iris_test_pas_core(test);
	KUNIT_ASSERT_EQ(test, iris_fw_load(&it->core), 0);

	rig_refuse_shutdown(test, RIG_PAS_ID_VIDEO, 1);
	rig_smmu_reset_counters();
	KUNIT_EXPECT_LT(test, iris_fw_unload(&it->core), 0);
	rig_smmu_get_counters(&s);
	rig_tz_get_counters(&t);
	KUNIT_EXPECT_EQ(test, s.unmap_pages, 0);
	KUNIT_EXPECT_EQ_MSG(test, t.violations, 0, "%s", rig_tz_last_violation());
	KUNIT_EXPECT_TRUE(test, rig_tz_running(RIG_PAS_ID_VIDEO));
	iris_test_check_rsc_mapped(test, it);

	iris_test_rsc_load(test, it, &t, &s);
	KUNIT_EXPECT_EQ(test, t.shutdown, 1);
	/* The retried unload unmaps the three in one sync */
	KUNIT_EXPECT_EQ(test, s.tlb_syncs, 1);
	KUNIT_EXPECT_EQ(test, s.unmap_refused, 0);

	KUNIT_EXPECT_EQ(test, iris_fw_unload(&it->core), 0);
	iris_test_check_clean(test, it);
}

/*
 * Tables without a window: none at all (a size of 0; series patch 08 makes
 * it NULL), and a header without entries of version 0 (what the SCM
 * backend hands TrustZone as input, echoed back) and of version 1. Each
 * load maps the carveout alone.
 */
static void iris_test_rsc_table_empty(struct kunit *test)
{
	static const struct resource_table v0 = { .ver = 0 }, v1 = { .ver = 1 };
	const struct resource_table *headers[] = { NULL, &v0, &v1 };
	struct rig_smmu_counters s;
	struct iris_test *it;
	unsigned int i;
	u8 none;

	rig_set_rsc_table_call(test, true);
	it = iris_test_pas_core(test);
	for (i = 0; i < ARRAY_SIZE(headers) && !test->status; i++) {
		if (headers[i])
			rig_set_tz_table(test, RIG_PAS_ID_VIDEO, headers[i], sizeof(*headers[i]));
		else
			rig_set_tz_table(test, RIG_PAS_ID_VIDEO, &none, 0);
		rig_smmu_reset_counters();
		KUNIT_ASSERT_EQ_MSG(test, iris_fw_load(&it->core), 0, "table %u", i);
		rig_smmu_get_counters(&s);
		KUNIT_EXPECT_EQ(test, s.map_calls, 1);
		KUNIT_EXPECT_EQ(test, rig_smmu_mapped_bytes(it->core.fw_dev),
				resource_size(&it->mem));
		KUNIT_EXPECT_EQ(test, iris_fw_unload(&it->core), 0);
		iris_test_check_clean(test, it);
	}
}

enum iris_test_bad_table {
	IRIS_TEST_BAD_VERSION,
	IRIS_TEST_BAD_OFFSET,
	IRIS_TEST_BAD_TYPE,
	IRIS_TEST_BAD_TRUNCATED,
	IRIS_TEST_BAD_UNALIGNED,
	IRIS_TEST_BAD_OVER_CARVEOUT,
	IRIS_TEST_BAD_OFFSET_PAST_END,
	IRIS_TEST_BAD_NUM,
	IRIS_TEST_BAD_LEN_ZERO,
	IRIS_TEST_BAD_RESERVED,
	IRIS_TEST_BAD_FLAGS,
	IRIS_TEST_BAD_OVER_4G,
	IRIS_TEST_BAD_NR,
};

/* A table of one device-memory entry, spoilt as @bad says */
static void iris_test_set_bad_table(struct kunit *test, enum iris_test_bad_table bad)
{
	struct iris_test_rsc_devmem *entry;
	struct resource_table *table;
	size_t size;

	size = struct_size(table, offset, 1) + sizeof(*entry);
	table = kunit_kzalloc(test, size, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, table);
	table->ver = 1;
	table->num = 1;
	entry = (void *)&table->offset[1];
	table->offset[0] = (void *)entry - (void *)table;
	entry->hdr.type = RSC_DEVMEM;
	entry->devmem = iris_test_rsc_windows[0];

	switch (bad) {
	case IRIS_TEST_BAD_VERSION:
		table->ver = 2;
		break;
	case IRIS_TEST_BAD_OFFSET:
		/* Into the header: the entry would overlay ver and num */
		table->offset[0] = 0;
		break;
	case IRIS_TEST_BAD_TYPE:
		entry->hdr.type = RSC_CARVEOUT;
		break;
	case IRIS_TEST_BAD_TRUNCATED:
		size -= sizeof(u32);
		break;
	case IRIS_TEST_BAD_UNALIGNED:
		entry->devmem.da += 0x800;
		break;
	case IRIS_TEST_BAD_OVER_CARVEOUT:
		/* The carveout is mapped from device address 0 */
		entry->devmem.da = 0x1000;
		break;
	case IRIS_TEST_BAD_OFFSET_PAST_END:
		table->offset[0] = size;
		break;
	case IRIS_TEST_BAD_NUM:
		/* More offsets than the table has room for */
		table->num = size / sizeof(u32);
		break;
	case IRIS_TEST_BAD_LEN_ZERO:
		entry->devmem.len = 0;
		break;
	case IRIS_TEST_BAD_RESERVED:
		entry->devmem.reserved = 1;
		break;
	case IRIS_TEST_BAD_FLAGS:
		/* Not an IOMMU flag iris hands to iommu_map() */
		entry->devmem.flags |= BIT(8);
		break;
	case IRIS_TEST_BAD_OVER_4G:
		/* The firmware's device addresses are 32 bits */
		entry->devmem.da = 0xfffff000;
		entry->devmem.len = 0x2000;
		break;
	case IRIS_TEST_BAD_NR:
		break;
	}
	rig_set_tz_table(test, RIG_PAS_ID_VIDEO, table, size);
}

/*
 * Tables iris cannot use fail the load with -EINVAL before TrustZone
 * authenticates anything or a window is mapped: entries of a version
 * other than 1, an entry offset into the header or past the end, more
 * entries than the table has offsets for, an entry that is not device
 * memory, a device-memory entry cut short, one not 4 KiB aligned, one over
 * the carveout's device addresses, one of no length, with the reserved
 * word set, with a flag iris does not map with, or past 4 GiB.
 */
static void iris_test_rsc_table_bad(struct kunit *test)
{
	struct rig_tz_counters t;
	struct iris_test *it;
	int bad, ret;

	rig_set_rsc_table_call(test, true);
	it = iris_test_pas_core(test);
	for (bad = 0; bad < IRIS_TEST_BAD_NR && !test->status; bad++) {
		iris_test_set_bad_table(test, bad);
		rig_tz_reset_counters();
		ret = iris_fw_load(&it->core);
		rig_tz_get_counters(&t);
		KUNIT_EXPECT_EQ_MSG(test, ret, -EINVAL, "bad table %d", bad);
		KUNIT_EXPECT_EQ_MSG(test, t.auth, 0, "bad table %d", bad);
		KUNIT_EXPECT_NULL(test, it->core.fw_regions);
		iris_test_check_clean(test, it);
	}
}

/* make test-debug: every case below runs inside one kmemleak window */
static void iris_test_rsc_table_leaks_open(struct kunit *test)
{
	rig_leaks_suite_open(test);
}

static void iris_test_rsc_table_leaks_close(struct kunit *test)
{
	rig_leaks_suite_close(test);
}

static struct kunit_case iris_fw_rig_rsc_cases[] = {
	/* First */
	KUNIT_CASE_SLOW(iris_test_rsc_table_leaks_open),
	KUNIT_CASE(iris_test_rsc_table_devmem),
	KUNIT_CASE(iris_test_rsc_table_empty),
	KUNIT_CASE(iris_test_rsc_table_bad),
	KUNIT_CASE_PARAM(iris_test_rsc_table_faults, iris_test_rsc_fault_gen_params),
	KUNIT_CASE(iris_test_rsc_table_refused_shutdown),
	/* Last */
	KUNIT_CASE_SLOW(iris_test_rsc_table_leaks_close),
	{}
};

static struct kunit_suite iris_fw_rig_rsc_suite = {
	.name = "iris_fw_rig_rsc",
	.suite_init = rig_settle,
	.suite_exit = rig_suite_exit,
	.exit = iris_test_exit,
	.test_cases = iris_fw_rig_rsc_cases,
};

kunit_test_suite(iris_fw_rig_rsc_suite);
