/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shared helpers of the rig's integration suites: the remote processors of
 * the rig's device tree driven through sysfs (rig_drive.c), the checks
 * every step must pass (rig_expect.c), the knobs of the fakes
 * (rig_knobs.c), each set through a helper that registers its own restore
 * with kunit_add_action(), so that a failed assertion cannot leave the rig
 * armed for the next test, and kmemleak windows (rig_kmemleak.c).
 */

#ifndef __QCOM_PAS_RIG_TEST_H__
#define __QCOM_PAS_RIG_TEST_H__

#include <kunit/test.h>
#include <linux/device.h>
#include <linux/ioport.h>
#include <linux/types.h>

#include <qcom_pas_rig/regions.h>
#include <qcom_pas_rig/pas_ids.h>
#include <qcom_pas_rig/power.h>
#include <qcom_pas_rig/smmu.h>
#include <qcom_pas_rig/smp2p.h>
#include <qcom_pas_rig/tz.h>

#define RIG_BOOT_TIMEOUT_MS	20000
/* The PAS processor whose stream a hypervisor owns (no iommus) */
#define RIG_NO_IOMMU_COMPAT	"qcom,qcs404-cdsp-pas"
#define RIG_RECOVERY_TIMEOUT_MS	10000

/**
 * struct rig_rproc - a remote processor of the rig's device tree
 * @compatible:	its node's compatible
 * @fw_name:	its firmware
 * @pas_id:	PAS id of its main image
 * @dtb_pas_id:	PAS id of its dtb image, 0 without one
 * @pds:	whether it votes for the rig's power domains
 * @carveout_leaves: leaf entries, by page size, of the fewest its
 *		carveouts can be mapped with; counted by hand from rig.dtsi
 * @window_leaves: the same for its qcom,devmem windows
 * @dev:	its platform device, found at suite init, dropped at suite exit
 * @mem:	its carveout
 * @dtb_mem:	the carveout of its dtb image
 * @windows:	its qcom,devmem windows
 * @nr_windows:	how many
 * @sysfs:	its remoteproc directory, relative to sysfs' root
 * @starts:	starts and recoveries so far, for the counter lines
 * @rsc_table:	whether TrustZone has the resource-table call (then the
 *		windows are TrustZone's business, not mapped by the series)
 */
struct rig_rproc {
	const char *compatible;
	const char *fw_name;
	u32 pas_id;
	u32 dtb_pas_id;
	bool pds;
	unsigned long carveout_leaves[RIG_LEAF_NR];
	unsigned long window_leaves[RIG_LEAF_NR];

	struct device *dev;
	struct resource mem;
	struct resource dtb_mem;
	struct rig_window windows[RIG_DEVMEM_MAX_WINDOWS];
	unsigned int nr_windows;
	char sysfs[64];
	unsigned int starts;
	bool rsc_table;
};

extern struct rig_rproc rig_lpaicp;
extern struct rig_rproc rig_adsp;
extern struct rig_rproc * const rig_rprocs[2];
const void *rig_rproc_gen_params(struct kunit *test, const void *prev, char *desc);

/* Driving the remote processors through sysfs (rig_drive.c) */
int rig_suite_init(struct kunit_suite *suite);
void rig_suite_exit(struct kunit_suite *suite);
int rig_settle(struct kunit_suite *suite);
int rig_find(struct rig_rproc *rp);
int rig_write(const char *dir, const char *attr, const char *val);
ssize_t rig_write_count(const char *dir, const char *attr, const char *val);
int rig_read(const char *dir, const char *attr, char *buf, size_t len);
bool rig_in_state(struct rig_rproc *rp, const char *state);
bool rig_wait_state(struct rig_rproc *rp, const char *state,
		    unsigned int timeout_ms);
void rig_reset_counters(void);
int __rig_start(struct kunit *test, struct rig_rproc *rp);
int rig_start(struct kunit *test, struct rig_rproc *rp);
int rig_stop(struct kunit *test, struct rig_rproc *rp);
int rig_stop_shutdowns(struct kunit *test, struct rig_rproc *rp,
		       unsigned int shutdowns);
int rig_crash_and_recover(struct kunit *test, struct rig_rproc *rp);
int __rig_reprobe(struct rig_rproc *rp, bool rsc_table);
void rig_reprobe(struct kunit *test, struct rig_rproc *rp, bool rsc_table);
void rig_ensure(struct kunit *test, struct rig_rproc *rp, bool running);

/* What a remote processor was taken through since the counters were reset */
enum rig_step {
	RIG_STEP_START,		/* sysfs start, from offline */
	RIG_STEP_STOP,		/* sysfs stop, to offline */
	RIG_STEP_RECOVERY,	/* a crash and the core's recovery */
};

/* What every step must leave behind (rig_expect.c) */
void rig_check_counters(struct kunit *test, struct rig_rproc *rp,
			enum rig_step step, unsigned int shutdowns);
void rig_check_common(struct kunit *test);
void rig_check_offline(struct kunit *test, struct rig_rproc *rp);
void rig_check_running(struct kunit *test, struct rig_rproc *rp);
void rig_check_mappings(struct kunit *test, struct rig_rproc *rp);
void rig_start_fails(struct kunit *test, struct rig_rproc *rp, const char *step);
void rig_fail_each_step(struct kunit *test, struct rig_rproc *rp);
bool rig_log_has(const char *dev, const char *a, const char *b);

/* Knobs of the fakes, restored when the test ends (rig_knobs.c) */
void rig_set_boot(struct kunit *test, enum rig_smp2p_boot mode);
void rig_set_firmware(struct kunit *test, struct rig_rproc *rp, const char *name);
void rig_set_fw_path(struct kunit *test, const char *path);
void rig_set_rsc_table(struct kunit *test, struct rig_rproc *rp, bool available);
void rig_fail_tz_call(struct kunit *test, unsigned int nth, int err);
void rig_fail_map_pages(struct kunit *test, unsigned int nth);
void rig_refuse_shutdown(struct kunit *test, u32 pas_id, unsigned int times);
void rig_set_rsc_table_call(struct kunit *test, bool available);
void rig_set_tz_table(struct kunit *test, u32 pas_id, const void *buf, size_t size);

/**
 * struct rig_kmemleak - a kmemleak window (make test-debug); the cases
 *			 skip without kmemleak
 * @debugfs:	debugfs, mounted for the test
 * @ubuf:	a page of user memory: kmemleak's file takes only user buffers
 */
struct rig_kmemleak {
	struct vfsmount *debugfs;
	char __user *ubuf;
};

/* kmemleak windows (rig_kmemleak.c) */
void rig_leaks_begin(struct kunit *test, struct rig_kmemleak *k);
int rig_leaks_scan(struct kunit *test, struct rig_kmemleak *k);
void rig_leaks_end(struct kunit *test, struct rig_kmemleak *k);
int rig_kmemleak_cmd(struct rig_kmemleak *k, const char *cmd);
void rig_leaks_suite_open(struct kunit *test);
void rig_leaks_suite_close(struct kunit *test);

#endif /* __QCOM_PAS_RIG_TEST_H__ */
