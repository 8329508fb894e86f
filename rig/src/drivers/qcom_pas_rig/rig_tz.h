/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The fake TrustZone's own state, shared by its parts: the PAS state
 * machine (rig_tz_pas.c), image parsing (rig_tz_image.c), the mapping
 * policy (rig_tz_mappings.c) over the peripherals' table
 * (rig_tz_peripherals.c), the content-protection call (rig_tz_video_cp.c),
 * what the suites read and switch (rig_tz_inspect.c) and the qcom_pas_ops
 * backend that Linux calls (rig_tz_ops.c).
 */

#ifndef __QCOM_PAS_RIG_TZ_INTERNAL_H__
#define __QCOM_PAS_RIG_TZ_INTERNAL_H__

#include <linux/mutex.h>
#include <linux/types.h>

#include <qcom_pas_rig/regions.h>
#include <qcom_pas_rig/tz.h>

struct device;
struct iommu_domain;
struct qcom_pas_context;
struct rig_hw_window;

#define RIG_TZ_MAX_PAS		8
/* The carveout and each qcom,devmem window, or each entry of its table */
#define RIG_TZ_MAX_REGIONS	(1 + RIG_DEVMEM_MAX_WINDOWS)

/**
 * struct rig_tz_periph - what TrustZone expects of a peripheral whose
 *			  stream Linux owns
 * @pas_id:	its PAS id
 * @name:	its name, for the messages
 * @identity:	the carveout is at its physical address (else at @da)
 * @da:		the device address of the carveout, without @identity
 * @prot:	the access the page tables must grant on the carveout
 * @windows:	the device-memory windows its firmware reaches, which the
 *		operating system maps (from qcom,devmem) when TrustZone has no
 *		resource-table call; identity mapped
 * @num_windows: the number of @windows
 */
struct rig_tz_periph {
	u32 pas_id;
	const char *name;
	bool identity;
	unsigned long da;
	int prot;
	const struct rig_hw_window *windows;
	unsigned int num_windows;
};

/**
 * struct rig_tz_region - a region a running peripheral reaches, which must
 *			  stay mapped until it is shut down
 * @iova:	its first device address
 * @size:	its size
 * @window:	its qcom,devmem entry or resource-table entry, -1 for the
 *		carveout
 * @rsc:	@window is an entry of the resource table
 */
struct rig_tz_region {
	unsigned long iova;
	size_t size;
	int window;
	bool rsc;
};

enum rig_tz_state {
	RIG_TZ_IDLE,
	RIG_TZ_INIT,
	RIG_TZ_SETUP,
	RIG_TZ_RUNNING,
};

/**
 * struct rig_tz_pas - what TrustZone knows about one peripheral
 * @pas_id:		its PAS id
 * @used:		whether this slot holds a peripheral
 * @state:		where it is in init_image, mem_setup, auth, shutdown
 * @mdata:		TrustZone's copy of the metadata
 * @mdata_len:		its length
 * @table:		the metadata's hash table: a SHA-384 digest per
 *			program header
 * @relocatable:	whether a segment is relocatable
 * @min_addr:		the lowest address of a loadable segment
 * @span:		from there to the end of the last one, page aligned
 * @setup_addr:		where mem_setup put the image
 * @setup_size:		the memory mem_setup gave it
 * @linux_stream:	whether the context of init_image is on a stream
 *			Linux owns
 * @domain:		the domain the running peripheral reaches memory through
 * @regions:		what it reaches there
 * @nr_regions:		how many
 * @bridge:		whether an SHM bridge exists (only during
 *			prepare-and-auth-reset)
 * @bridge_pa:		its start
 * @bridge_size:	its size
 * @last:		the last authentication: what, under which bridge
 * @refuse_shutdown:	shutdowns still to refuse
 * @refuse_err:		the error they return
 * @rsc:		its resource table, as get_rsc_table returns it; NULL
 *			for the empty one
 * @rsc_size:		its size
 */
struct rig_tz_pas {
	u32 pas_id;
	bool used;
	enum rig_tz_state state;

	void *mdata;
	size_t mdata_len;
	const u8 *table;
	bool relocatable;
	phys_addr_t min_addr;
	size_t span;

	phys_addr_t setup_addr;
	size_t setup_size;

	bool linux_stream;

	struct iommu_domain *domain;
	struct rig_tz_region regions[RIG_TZ_MAX_REGIONS];
	unsigned int nr_regions;

	bool bridge;
	phys_addr_t bridge_pa;
	size_t bridge_size;

	struct rig_tz_auth last;

	unsigned int refuse_shutdown;
	int refuse_err;

	void *rsc;
	size_t rsc_size;
};

/**
 * struct rig_tz - the one fake TrustZone
 * @lock:		serializes every call and every query
 * @pas:		the peripherals it knows
 * @cnt:		what it has seen
 * @fail_nth:		the call to fail, counting down; 0 for none
 * @fail_err:		the error that call returns
 * @rsc_table:		whether it has the resource-table call
 * @mdata_held:		metadata buffers handed out and not released
 * @violation:		the message of the last violation
 * @dev:		its platform device, for the messages
 */
struct rig_tz {
	struct mutex lock;	/* serializes calls and queries */
	struct rig_tz_pas pas[RIG_TZ_MAX_PAS];
	struct rig_tz_counters cnt;
	unsigned int fail_nth;
	int fail_err;
	bool rsc_table;
	unsigned int mdata_held;
	char violation[256];
	struct device *dev;
};

extern struct rig_tz rig_tz;

/* The state machine (rig_tz_pas.c), called with rig_tz.lock held */
__printf(1, 2) void rig_tz_violate(const char *fmt, ...);
int rig_tz_call(void);
struct rig_tz_pas *rig_tz_find(u32 pas_id, bool create);

/* Its calls, as qcom_pas_ops has them (rig_tz_pas.c) */
bool rig_tz_supported(struct device *dev, u32 pas_id);
int rig_tz_init_image(struct device *dev, u32 pas_id, const void *metadata,
		      size_t size, struct qcom_pas_context *ctx);
void rig_tz_metadata_release(struct device *dev, struct qcom_pas_context *ctx);
int rig_tz_mem_setup(struct device *dev, u32 pas_id, phys_addr_t addr,
		     phys_addr_t size);
void *rig_tz_get_rsc_table(struct device *dev, struct qcom_pas_context *ctx,
			   void *input_rt, size_t input_rt_size,
			   size_t *output_rt_size);
bool rig_tz_rsc_table_available(struct device *dev);
int rig_tz_auth_and_reset(struct device *dev, u32 pas_id);
int rig_tz_prepare_and_auth_reset(struct device *dev,
				  struct qcom_pas_context *ctx);
int rig_tz_set_remote_state(struct device *dev, u32 state, u32 pas_id);
int rig_tz_shutdown(struct device *dev, u32 pas_id);

/* The image (rig_tz_image.c) */
int rig_tz_parse_metadata(struct rig_tz_pas *pas);
int rig_tz_check_hashes(struct rig_tz_pas *pas, phys_addr_t base, size_t size);

/* The mapping policy (rig_tz_mappings.c, rig_tz_peripherals.c) */
const struct rig_tz_periph *rig_tz_periph(u32 pas_id);
int rig_tz_check_mappings(struct rig_tz_pas *pas, struct qcom_pas_context *ctx,
			  phys_addr_t image, size_t image_size);

/* The content-protection call (rig_tz_video_cp.c) */
int rig_tz_video_cp_register(void);

#endif /* __QCOM_PAS_RIG_TZ_INTERNAL_H__ */
