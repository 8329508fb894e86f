// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fake TrustZone for the Qualcomm PAS test rig: what the suites read of it
 * (its counters, what runs, what it authenticated, what callers still hold)
 * and the switches they flip (failed calls, refused shutdowns, the
 * resource tables).
 */

#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "rig_tz.h"
#include "rig_tz_smc.h"

/**
 * rig_tz_get_counters() - read the fake TrustZone's counters
 * @c:	filled with a snapshot of the counters
 */
void rig_tz_get_counters(struct rig_tz_counters *c)
{
	mutex_lock(&rig_tz.lock);
	*c = rig_tz.cnt;
	mutex_unlock(&rig_tz.lock);

	spin_lock_irq(&rig_tz.vlock);
	c->violations = rig_tz.violations;
	spin_unlock_irq(&rig_tz.vlock);
}

/**
 * rig_tz_reset_counters() - zero the counters and cancel fault injection
 *			     (failed calls, and statuses injected at the SMC)
 *
 * The violation log is kept; only the count is zeroed.
 */
void rig_tz_reset_counters(void)
{
	mutex_lock(&rig_tz.lock);
	memset(&rig_tz.cnt, 0, sizeof(rig_tz.cnt));
	rig_tz.fail_nth = 0;
	mutex_unlock(&rig_tz.lock);
	rig_smc_inject_busy(0, 0, 0);

	spin_lock_irq(&rig_tz.vlock);
	rig_tz.violations = 0;
	spin_unlock_irq(&rig_tz.vlock);
}

/**
 * rig_tz_fail_call() - fail a future call into TrustZone
 * @nth:	fail the @nth call from now (1 = the next one), 0 to cancel
 * @err:	error the call returns
 *
 * Counted calls are those listed in &struct rig_tz_counters.calls; the
 * failed call changes no state.
 */
void rig_tz_fail_call(unsigned int nth, int err)
{
	mutex_lock(&rig_tz.lock);
	rig_tz.fail_nth = nth;
	rig_tz.fail_err = err;
	mutex_unlock(&rig_tz.lock);
}

/**
 * rig_tz_rsc_table() - whether this TrustZone has the resource-table call
 *
 * A boot-time setting (rig_tz.gen=rsctable): the series asks once, when
 * qcom_scm probes.
 *
 * Return: true if it has the call.
 */
bool rig_tz_rsc_table(void)
{
	return rig_smc_gen_rsc_table();
}

/**
 * rig_tz_set_table() - the resource table TrustZone returns for a peripheral
 * @pas_id:	PAS id
 * @buf:	the table as include/linux/rsc_table.h lays it out, copied;
 *		NULL for the empty one, the default, or with @size over
 *		1 GiB for one that size, which TrustZone only ever claims
 *		(no buffer Linux offers holds it)
 * @size:	its size; 0 returns no bytes at all
 *
 * Once it has the call, TrustZone requires every device-memory entry of
 * the table to be mapped, as the entry says, at the peripheral's auth.
 *
 * Return: 0, -ENOMEM, -EINVAL for a claimed size of 1 GiB or less, or
 * -ENOSPC if it tracks too many peripherals.
 */
int rig_tz_set_table(u32 pas_id, const void *buf, size_t size)
{
	struct rig_tz_pas *pas;
	void *copy = NULL;

	if (!buf && size && size <= SZ_1G)
		return -EINVAL;
	if (buf) {
		copy = kmemdup(buf, size, GFP_KERNEL);
		if (!copy)
			return -ENOMEM;
	}

	mutex_lock(&rig_tz.lock);
	pas = rig_tz_find(pas_id, true);
	if (pas) {
		kfree(pas->rsc);
		pas->rsc = copy;
		pas->rsc_size = size;
	} else {
		kfree(copy);
	}
	mutex_unlock(&rig_tz.lock);

	return pas ? 0 : -ENOSPC;
}

/**
 * rig_tz_refuse_shutdown() - refuse the next shutdowns of a peripheral
 * @pas_id:	PAS id
 * @times:	how many shutdown calls to refuse (0 to cancel)
 * @status:	what they return: positive, the PAS service's status in x1
 *		(x0 0), as TrustZone refuses; negative, an SCM status in x0
 *
 * A refused shutdown changes nothing: the peripheral keeps running and
 * keeps what it uses mapped.
 */
void rig_tz_refuse_shutdown(u32 pas_id, unsigned int times, long status)
{
	struct rig_tz_pas *pas;

	mutex_lock(&rig_tz.lock);
	pas = rig_tz_find(pas_id, true);
	if (pas) {
		pas->refuse_shutdown = times;
		pas->refuse_status = status;
	}
	mutex_unlock(&rig_tz.lock);
}

/**
 * rig_tz_running() - tell whether a peripheral is authenticated and running
 * @pas_id:	PAS id
 *
 * Return: true between a successful authentication and the shutdown.
 */
bool rig_tz_running(u32 pas_id)
{
	struct rig_tz_pas *pas;
	bool running;

	mutex_lock(&rig_tz.lock);
	pas = rig_tz_find(pas_id, false);
	running = pas && pas->state == RIG_TZ_RUNNING;
	mutex_unlock(&rig_tz.lock);

	return running;
}

/**
 * rig_tz_refuse_video_var() - refuse the next content-protection call
 * @status:	the status TrustZone puts in x1 (x0 0)
 *
 * Cancelled by rig_tz_reset_counters().
 */
void rig_tz_refuse_video_var(u64 status)
{
	rig_smc_inject_status(RIG_SVC_MP, RIG_MP_VIDEO_VAR, RIG_SMC_OK, status);
}

/**
 * rig_tz_bridged_images() - count the running images authenticated over a
 *			     bridge
 *
 * The bridge itself lives only during prepare-and-auth-reset (see
 * rig_tz_live_bridges()); this counts the images it let TrustZone
 * authenticate that have not been shut down.
 *
 * Return: the number of such images.
 */
unsigned int rig_tz_bridged_images(void)
{
	unsigned int i, n = 0;

	mutex_lock(&rig_tz.lock);
	for (i = 0; i < RIG_TZ_MAX_PAS; i++)
		n += rig_tz.pas[i].used && rig_tz.pas[i].state == RIG_TZ_RUNNING &&
		     rig_tz.pas[i].last.bridge_size;
	mutex_unlock(&rig_tz.lock);

	return n;
}

/**
 * rig_tz_live_bridges() - count the SHM bridges over carveouts that exist now
 *
 * Those over qcom_tzmem's pool areas live as long as the pool and are not
 * counted.
 *
 * Return: the bridges created and not yet deleted: 0 outside an
 * authentication.
 */
unsigned int rig_tz_live_bridges(void)
{
	return rig_smc_live_bridges(true);
}

/**
 * rig_tz_last_auth() - what the last successful authentication covered
 * @pas_id:	PAS id
 * @auth:	filled with the memory authenticated and the bridge over it
 *
 * Return: 0 on success, -ENOENT if @pas_id was never authenticated.
 */
int rig_tz_last_auth(u32 pas_id, struct rig_tz_auth *auth)
{
	struct rig_tz_pas *pas;
	int ret = -ENOENT;

	mutex_lock(&rig_tz.lock);
	pas = rig_tz_find(pas_id, false);
	if (pas && pas->last.size) {
		*auth = pas->last;
		ret = 0;
	}
	mutex_unlock(&rig_tz.lock);

	return ret;
}

/**
 * rig_tz_last_violation() - describe the last violation
 *
 * Return: the message of the last violation, "" if none happened.
 */
const char *rig_tz_last_violation(void)
{
	return rig_tz.violation;
}
