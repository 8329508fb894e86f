/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The fake TrustZone's own state, shared by its parts: the PAS state
 * machine (rig_tz_pas.c), image parsing (rig_tz_image.c), the mapping
 * policy (rig_tz_mappings.c) over the peripherals' table
 * (rig_tz_peripherals.c), and what the suites read and switch
 * (rig_tz_inspect.c). Linux reaches it through the secure monitor call
 * (rig_tz_smc.c, rig_tz_abi.c, rig_tz_bridge.c; rig_tz_smc.h).
 */

#ifndef __QCOM_PAS_RIG_TZ_INTERNAL_H__
#define __QCOM_PAS_RIG_TZ_INTERNAL_H__

#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/types.h>

#include <qcom_pas_rig/regions.h>
#include <qcom_pas_rig/tz.h>

struct device;
struct iommu_domain;
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
 * @mdata_pa:		where init_image was given it: TrustZone relies on
 *			that buffer until the authentication
 * @mdata_bridged:	whether it was inside an SHM bridge then
 * @table:		the metadata's hash table: a SHA-384 digest per
 *			program header
 * @relocatable:	whether a segment is relocatable
 * @min_addr:		the lowest address of a loadable segment
 * @span:		from there to the end of the last one, page aligned
 * @setup_addr:		where mem_setup put the image
 * @setup_size:		the memory mem_setup gave it
 * @domain:		the domain the running peripheral reaches memory through
 * @regions:		what it reaches there
 * @nr_regions:		how many
 * @last:		the last authentication: what, under which bridge
 * @refuse_shutdown:	shutdowns still to refuse
 * @refuse_status:	what they return: positive, the PAS service's status
 *			in x1 (x0 0); negative, an SCM status in x0
 * @rsc:		its resource table, as get_rsc_table returns it; NULL
 *			for the empty one, or one only claimed
 * @rsc_size:		its size; with @rsc NULL, 0 for the empty one, or
 *			the size claimed
 */
struct rig_tz_pas {
	u32 pas_id;
	bool used;
	enum rig_tz_state state;

	void *mdata;
	size_t mdata_len;
	phys_addr_t mdata_pa;
	bool mdata_bridged;
	const u8 *table;
	bool relocatable;
	phys_addr_t min_addr;
	size_t span;

	phys_addr_t setup_addr;
	size_t setup_size;

	struct iommu_domain *domain;
	struct rig_tz_region regions[RIG_TZ_MAX_REGIONS];
	unsigned int nr_regions;

	struct rig_tz_auth last;

	unsigned int refuse_shutdown;
	long refuse_status;

	void *rsc;
	size_t rsc_size;
};

/**
 * struct rig_tz - the one fake TrustZone
 * @lock:		serializes every call and every query
 * @pas:		the peripherals it knows
 * @cnt:		what it has seen
 * @fail_nth:		the call to fail, counting down; 0 for none
 * @fail_err:		the error that call returns, as an errno
 * @vlock:		guards @violation and @violations, which fast calls
 *			(atomic) may report too
 * @violation:		the message of the last violation
 * @violations:		the violations since the counters were reset
 */
struct rig_tz {
	struct mutex lock;	/* serializes calls and queries */
	struct rig_tz_pas pas[RIG_TZ_MAX_PAS];
	struct rig_tz_counters cnt;
	unsigned int fail_nth;
	int fail_err;
	spinlock_t vlock;	/* guards violation, violations */
	char violation[256];
	unsigned int violations;
};

extern struct rig_tz rig_tz;

/* The state machine (rig_tz_pas.c) */
__printf(1, 2) void rig_tz_violate(const char *fmt, ...);
int rig_tz_call(void);
struct rig_tz_pas *rig_tz_find(u32 pas_id, bool create);

/* The image (rig_tz_image.c) */
int rig_tz_parse_metadata(struct rig_tz_pas *pas);
int rig_tz_check_hashes(struct rig_tz_pas *pas, phys_addr_t base, size_t size);

/**
 * struct rig_tz_stream - where an image runs, as the hardware has it
 * @mem:	the carveout: the /reserved-memory region holding the image
 * @size:	its size
 * @dev:	the device whose stream fetches the image (a reference is
 *		held), NULL if none exists
 * @linux_stream: Linux, not a hypervisor, owns that stream
 */
struct rig_tz_stream {
	phys_addr_t mem;
	size_t size;
	struct device *dev;
	bool linux_stream;
};

/* The mapping policy (rig_tz_mappings.c, rig_tz_peripherals.c) */
const struct rig_tz_periph *rig_tz_periph(u32 pas_id);
int rig_tz_find_stream(u32 pas_id, phys_addr_t image, size_t size,
		       struct rig_tz_stream *s);
int rig_tz_check_mappings(struct rig_tz_pas *pas, const struct rig_tz_stream *s,
			  phys_addr_t image, size_t image_size);

#endif /* __QCOM_PAS_RIG_TZ_INTERNAL_H__ */
