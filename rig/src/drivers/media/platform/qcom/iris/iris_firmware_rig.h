/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shared by iris' firmware load tests on the Qualcomm PAS test rig: the
 * fixture and the checks (iris_firmware_rig.c), and the cases
 * (iris_firmware_rig_test.c).
 */

#ifndef __IRIS_FIRMWARE_RIG_H__
#define __IRIS_FIRMWARE_RIG_H__

#include <kunit/test.h>
#include <linux/ioport.h>

#include "iris_core.h"

/**
 * struct iris_test - an iris core of the tests' own on a rig node
 * @core:	the core, as probe would have set it up
 * @fw_np:	the node's video-firmware child, if any
 * @mem:	the node's firmware carveout (empty without one)
 * @group:	the devres group of everything the test's probe steps made
 * @bridged:	images running over an SHM bridge before the test
 */
struct iris_test {
	struct iris_core core;
	struct device_node *fw_np;
	struct resource mem;
	void *group;
	unsigned int bridged;
};

/* The packaged vpu30_p4_s6.mbn, with the vpu3x content-protection ranges */
extern const struct iris_platform_data iris_test_pdata;

struct iris_test *iris_test_core(struct kunit *test, const char *compatible,
				 const struct iris_platform_data *pdata);
struct iris_test *iris_test_pas_node(struct kunit *test, const char *compatible,
				     const struct iris_platform_data *pdata);
struct iris_test *iris_test_pas_core(struct kunit *test);
void iris_test_exit(struct kunit *test);
void iris_test_check_no_fw_dev(struct kunit *test, struct iris_test *it);
void iris_test_check_clean(struct kunit *test, struct iris_test *it);
void iris_test_check_running(struct kunit *test, struct iris_test *it);
void iris_test_check_init_unwound(struct kunit *test, struct iris_test *it,
				  unsigned long domains);
void iris_test_load_unload(struct kunit *test, struct iris_test *it);
void iris_test_load_refused_unload(struct kunit *test, struct iris_test *it);

#endif /* __IRIS_FIRMWARE_RIG_H__ */
