/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The rig's fake TrustZone, as the suites see it: its counters, what it
 * authenticated, its fault injection and its switches.
 */

#ifndef __QCOM_PAS_RIG_TZ_H__
#define __QCOM_PAS_RIG_TZ_H__

#include <linux/types.h>

/*
 * What TrustZone puts in x1 when it refuses a shutdown: the PAS service's
 * own status (its values are not public; any nonzero one is a refusal)
 */
#define RIG_TZ_REFUSED		5

/**
 * struct rig_tz_counters - what the fake TrustZone has seen
 * @calls:		calls into TrustZone (init_image, mem_setup,
 *			get_rsc_table, auth, shutdown, set_remote_state,
 *			video_var)
 * @init_image:		init_image calls
 * @mem_setup:		mem_setup calls
 * @get_rsc_table:	get_rsc_table calls
 * @auth:		authenticate-and-reset calls
 * @auth_ok:		authentications that succeeded
 * @hash_mismatch:	authentications refused on a segment's hash
 * @shutdown:		shutdown calls
 * @shutdown_refused:	shutdown calls refused on request
 * @bridges_created:	SHM bridges created over a carveout (the SCM backend
 *			deletes each right after the authentication)
 * @pool_bridges:	SHM bridges created over qcom_tzmem's pool areas
 * @video_var:		content-protection calls (video address ranges)
 * @injected:		calls failed on request
 * @violations:		calls that broke TrustZone's rules (see the log)
 */
struct rig_tz_counters {
	unsigned int calls;
	unsigned int init_image;
	unsigned int mem_setup;
	unsigned int get_rsc_table;
	unsigned int auth;
	unsigned int auth_ok;
	unsigned int hash_mismatch;
	unsigned int shutdown;
	unsigned int shutdown_refused;
	unsigned int bridges_created;
	unsigned int pool_bridges;
	unsigned int video_var;
	unsigned int injected;
	unsigned int violations;
};

/**
 * struct rig_tz_auth - what one successful authentication covered
 * @pa:		the carveout of the context the image was authenticated with
 *		(without a context: the image's own region)
 * @size:	its size
 * @image_pa:	the image as TrustZone authenticated it: the region mem_setup
 *		gave a relocatable image, else the span of its loadable segments
 * @image_size:	its size
 * @bridge_pa:	the SHM bridge that existed during the call (0 if none)
 * @bridge_size: its size (0 if none)
 * @mapped:	whether TrustZone checked the mappings (Linux owns the stream)
 * @regions:	regions it checked and protects until shutdown: the carveout
 *		and the qcom,devmem windows
 */
struct rig_tz_auth {
	phys_addr_t pa;
	size_t size;
	phys_addr_t image_pa;
	size_t image_size;
	phys_addr_t bridge_pa;
	size_t bridge_size;
	bool mapped;
	unsigned int regions;
};

void rig_tz_get_counters(struct rig_tz_counters *c);
void rig_tz_reset_counters(void);
void rig_tz_fail_call(unsigned int nth, int err);
bool rig_tz_rsc_table(void);
int rig_tz_set_table(u32 pas_id, const void *buf, size_t size);
void rig_tz_refuse_shutdown(u32 pas_id, unsigned int times, long status);
bool rig_tz_running(u32 pas_id);
void rig_tz_refuse_video_var(u64 status);
unsigned int rig_tz_bridged_images(void);
unsigned int rig_tz_live_bridges(void);
int rig_tz_last_auth(u32 pas_id, struct rig_tz_auth *auth);
const char *rig_tz_last_violation(void);

#endif /* __QCOM_PAS_RIG_TZ_H__ */
