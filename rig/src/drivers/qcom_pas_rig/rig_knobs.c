// SPDX-License-Identifier: GPL-2.0-only
/*
 * Knobs of the rig's fakes for the integration suites, each restored by a
 * KUnit action when the test ends, so that a failed assertion cannot leave
 * the rig armed for the next test.
 */

#include <kunit/test-bug.h>
#include <qcom_pas_rig/test.h>

static void rig_restore_boot(void *unused)
{
	rig_smp2p_set_boot(RIG_SMP2P_BOOTS);
}

/**
 * rig_set_boot() - what remotes signal after reset, until the test ends
 * @test:	the test
 * @mode:	RIG_SMP2P_SILENT or RIG_SMP2P_HANDOVER_ONLY: never ready
 */
void rig_set_boot(struct kunit *test, enum rig_smp2p_boot mode)
{
	rig_smp2p_set_boot(mode);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, rig_restore_boot, NULL), 0);
}

/*
 * The restores run as the test's deferred actions, in its cleanup: a
 * restore that cannot be made fails the test, so that the next case does
 * not start from a rig left as this one set it.
 */
static void rig_restore_firmware(void *data)
{
	struct rig_rproc *rp = data;
	int ret;

	ret = rig_write(rp->sysfs, "firmware", rp->fw_name);
	if (ret == -EBUSY && !rig_write(rp->sysfs, "state", "stop"))
		ret = rig_write(rp->sysfs, "firmware", rp->fw_name);
	if (ret)
		kunit_fail_current_test("%s: firmware %s not restored: %d",
					dev_name(rp->dev), rp->fw_name, ret);
}

/**
 * rig_set_firmware() - name another firmware, until the test ends
 * @test:	the test
 * @rp:		an offline remote processor
 * @name:	firmware name
 */
void rig_set_firmware(struct kunit *test, struct rig_rproc *rp, const char *name)
{
	KUNIT_ASSERT_EQ(test, rig_write(rp->sysfs, "firmware", name), 0);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, rig_restore_firmware, rp), 0);
}

static char rig_fw_path_saved[256];

static void rig_restore_fw_path(void *unused)
{
	int ret = rig_write("module/firmware_class/parameters", "path", rig_fw_path_saved);

	if (ret)
		kunit_fail_current_test("firmware_class.path not restored: %d", ret);
}

/**
 * rig_set_fw_path() - set firmware_class.path, until the test ends
 * @test:	the test
 * @path:	the directory the firmware loader searches first
 */
void rig_set_fw_path(struct kunit *test, const char *path)
{
	KUNIT_ASSERT_EQ(test, rig_read("module/firmware_class/parameters", "path",
				       rig_fw_path_saved, sizeof(rig_fw_path_saved)), 0);
	KUNIT_ASSERT_EQ(test, rig_write("module/firmware_class/parameters", "path", path), 0);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, rig_restore_fw_path, NULL), 0);
}

/**
 * rig_set_rsc_table() - rebind a remote, to run it with or without
 *			 TrustZone's resource-table call
 * @test:	the test; skipped when this boot's TrustZone is the other one
 * @rp:		remote processor
 * @available:	whether TrustZone has the call
 *
 * Which TrustZone the rig has is chosen at boot (rig_tz.gen=rsctable):
 * qcom_scm asks it once, when it probes. The rebind gives the case a
 * remote freshly probed, as a board would have it.
 */
void rig_set_rsc_table(struct kunit *test, struct rig_rproc *rp, bool available)
{
	if (available != rig_tz_rsc_table())
		kunit_skip(test,
			   "this boot's TrustZone %s the resource-table call (rig_tz.gen=%s)",
			   available ? "lacks" : "has", available ? "rsctable" : "legacy");
	rig_reprobe(test, rp, available);
}

static void rig_cancel_tz_fault(void *unused)
{
	rig_tz_fail_call(0, 0);
}

/**
 * rig_fail_tz_call() - fail the @nth call into TrustZone from now
 * @test:	the test; the fault is cancelled when it ends
 * @nth:	1 for the next call
 * @err:	error the call returns
 */
void rig_fail_tz_call(struct kunit *test, unsigned int nth, int err)
{
	rig_tz_fail_call(nth, err);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, rig_cancel_tz_fault, NULL), 0);
}

static void rig_cancel_map_fault(void *unused)
{
	rig_smmu_fail_map_pages(0);
}

/**
 * rig_fail_map_pages() - fail the @nth map_pages() call from now
 * @test:	the test; the fault is cancelled when it ends
 * @nth:	1 for the next call
 */
void rig_fail_map_pages(struct kunit *test, unsigned int nth)
{
	rig_smmu_fail_map_pages(nth);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, rig_cancel_map_fault, NULL), 0);
}

static void rig_cancel_refusal(void *data)
{
	rig_tz_refuse_shutdown((uintptr_t)data, 0, 0);
}

/**
 * rig_refuse_shutdown() - TrustZone refuses the next shutdowns of a peripheral
 * @test:	the test; the refusal is cancelled when it ends
 * @pas_id:	PAS id
 * @times:	how many shutdown calls to refuse
 */
void rig_refuse_shutdown(struct kunit *test, u32 pas_id, unsigned int times)
{
	rig_tz_refuse_shutdown(pas_id, times, RIG_TZ_REFUSED);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, rig_cancel_refusal,
							(void *)(uintptr_t)pas_id), 0);
}

/**
 * rig_set_rsc_table_call() - require this boot's TrustZone to have (or not)
 *			      the resource-table call, for what asks at each
 *			      load
 * @test:	the test; skipped when this boot's TrustZone is the other one
 * @available:	whether TrustZone must have the call
 */
void rig_set_rsc_table_call(struct kunit *test, bool available)
{
	if (available != rig_tz_rsc_table())
		kunit_skip(test,
			   "this boot's TrustZone %s the resource-table call (rig_tz.gen=%s)",
			   available ? "lacks" : "has", available ? "rsctable" : "legacy");
}

static void rig_restore_tz_table(void *data)
{
	int ret = rig_tz_set_table((uintptr_t)data, NULL, 0);

	if (ret)
		kunit_fail_current_test("PAS %lu: TrustZone's table not restored: %d",
					(unsigned long)(uintptr_t)data, ret);
}

/**
 * rig_set_tz_table() - the resource table TrustZone has for a peripheral,
 *			until the test ends (then the empty one)
 * @test:	the test
 * @pas_id:	PAS id
 * @buf:	the table, copied
 * @size:	its size
 */
void rig_set_tz_table(struct kunit *test, u32 pas_id, const void *buf, size_t size)
{
	KUNIT_ASSERT_EQ(test, rig_tz_set_table(pas_id, buf, size), 0);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, rig_restore_tz_table,
							(void *)(uintptr_t)pas_id), 0);
}
