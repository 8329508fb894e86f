/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The fake TrustZone at the secure monitor call: Qualcomm's SMC convention
 * as qcom_scm-smc.c and qcom_scm.h define it, decoded by rig_tz_abi.c from
 * the registers that rig_tz_smc.c catches at __arm_smccc_smc(), and
 * answered by the handlers of rig_tz_bridge.c (SHM bridges) and
 * rig_tz_pas.c (PAS, content protection, the calls qcom_scm's probe makes).
 */

#ifndef __QCOM_PAS_RIG_TZ_SMC_H__
#define __QCOM_PAS_RIG_TZ_SMC_H__

#include <linux/arm-smccc.h>
#include <linux/types.h>

#define RIG_SMC_MAX_ARGS	10	/* MAX_QCOM_SCM_ARGS */
#define RIG_SMC_N_REG_ARGS	4	/* x2..x5 */
#define RIG_SMC_N_EXT_ARGS	(RIG_SMC_MAX_ARGS - RIG_SMC_N_REG_ARGS + 1)

enum rig_smc_argtype {
	RIG_SMC_VAL,
	RIG_SMC_RO,
	RIG_SMC_RW,
	RIG_SMC_BUFVAL,
};

/* arginfo, as QCOM_SCM_ARGS() builds it */
#define RIG_SMC_ARGINFO_NUM(ai)		((ai) & 0xf)
#define RIG_SMC_A(i, t)			((t) << (4 + 2 * (i)))

/* Statuses TrustZone returns in x0 (qcom_scm.h) */
#define RIG_SMC_OK		0
#define RIG_SMC_INTERRUPTED	1
#define RIG_SMC_ERROR		-1	/* also what an unimplemented call gets */
#define RIG_SMC_EINVAL_ARG	-2
#define RIG_SMC_EINVAL_ADDR	-3
#define RIG_SMC_EOPNOTSUPP	-4
#define RIG_SMC_ENOMEM		-5
#define RIG_SMC_EBUSY		-12

/* Services and commands (qcom_scm.h) */
#define RIG_SVC_BOOT			0x01
#define RIG_BOOT_SDI_CONFIG		0x09
#define RIG_BOOT_SET_REMOTE_STATE	0x0a
#define RIG_BOOT_SET_DLOAD_MODE		0x10
#define RIG_SVC_PIL			0x02
#define RIG_PIL_INIT_IMAGE		0x01
#define RIG_PIL_MEM_SETUP		0x02
#define RIG_PIL_AUTH_AND_RESET		0x05
#define RIG_PIL_SHUTDOWN		0x06
#define RIG_PIL_IS_SUPPORTED		0x07
#define RIG_PIL_GET_RSCTABLE		0x21
#define RIG_SVC_INFO			0x06
#define RIG_INFO_IS_CALL_AVAIL		0x01
#define RIG_SVC_MP			0x0c
#define RIG_MP_VIDEO_VAR		0x08
#define RIG_MP_SHM_BRIDGE_ENABLE	0x1c
#define RIG_MP_SHM_BRIDGE_DELETE	0x1d
#define RIG_MP_SHM_BRIDGE_CREATE	0x1e

/* GET_RSCTABLE's "output buffer too small" in x2 (qcom_scm.c) */
#define RIG_RSCTABLE_BUFFER_NOT_SUFFICIENT	20

/**
 * struct rig_smc_call - one secure monitor call, decoded
 * @regs:	x0..x7 as issued
 * @fast:	fast (atomic) call: the handler must not sleep
 * @smc64:	SMC64 convention
 * @owner:	SMCCC owner (2 = SIP, 50 = trusted OS)
 * @svc:	Qualcomm service
 * @cmd:	Qualcomm command
 * @arginfo:	x1
 * @nargs:	number of arguments arginfo announces
 * @args:	the arguments, the extra-arguments buffer's included
 * @ext_pa:	physical address of the extra-arguments buffer (x5), or 0
 * @a0:		status returned in x0
 * @res:	results returned in x1..x3 (qcom_scm's result[0..2])
 * @seq:	sequence number of the call
 * @handler:	name of the handler that answered, or NULL
 */
struct rig_smc_call {
	unsigned long regs[8];
	bool fast;
	bool smc64;
	u8 owner;
	u8 svc;
	u8 cmd;
	u32 arginfo;
	unsigned int nargs;
	u64 args[RIG_SMC_MAX_ARGS];
	phys_addr_t ext_pa;
	long a0;
	u64 res[3];
	unsigned int seq;
	const char *handler;
};

/**
 * struct rig_smc_handler - a call the fake TrustZone implements
 * @owner:	SMCCC owner
 * @svc:	service
 * @cmd:	command
 * @name:	name used in the log and in violations
 * @arginfo:	the arginfo TrustZone requires
 * @std_only:	must be a yielding call
 * @available:	whether this TrustZone generation implements it (NULL: yes);
 *		also the answer to IS_CALL_AVAIL
 * @handle:	fills @c->a0 and @c->res
 */
struct rig_smc_handler {
	u8 owner;
	u8 svc;
	u8 cmd;
	const char *name;
	u32 arginfo;
	bool std_only;
	bool (*available)(void);
	void (*handle)(struct rig_smc_call *c);
};

/* rig_tz_abi.c */
void rig_smc_dispatch(const unsigned long regs[8], struct arm_smccc_res *res,
		      unsigned long *x6);
__printf(3, 4) void rig_smc_fail(struct rig_smc_call *c, long a0,
				 const char *fmt, ...);
bool rig_smc_buf_ok(struct rig_smc_call *c, unsigned int arg, phys_addr_t pa,
		    size_t size);
void *rig_smc_phys(phys_addr_t pa, size_t size);
bool rig_smc_gen_rsc_table(void);
bool rig_smc_gen_bridges(void);

/* The call log and the statuses injected, for the suites (rig_tz_abi.c) */
#define RIG_SMC_LOG	512
unsigned int rig_smc_log_count(void);
bool rig_smc_log_get(unsigned int seq, struct rig_smc_call *c);
void rig_smc_log_print(unsigned int from);
unsigned int rig_smc_count(u8 owner, u8 svc, u8 cmd, unsigned int from);
void rig_smc_inject_busy(u8 svc, u8 cmd, unsigned int times);
void rig_smc_inject_interrupted(u8 svc, u8 cmd, unsigned int times);
unsigned int rig_smc_random_busy(u64 seed, unsigned int percent);
void rig_smc_inject_status(u8 svc, u8 cmd, long a0, u64 res0);
unsigned int rig_smc_rsc_table_asked(void);

/* rig_tz_bridge.c */
extern const struct rig_smc_handler rig_smc_bridge_handlers[];
extern const unsigned int rig_smc_nr_bridge_handlers;
bool rig_smc_bridging(void);
bool rig_smc_bridged(phys_addr_t pa, size_t size, u64 *handle);
bool rig_smc_bridge_exactly(phys_addr_t pa, size_t size, u64 *handle);
unsigned int rig_smc_live_bridges(bool carveouts);

/* rig_tz_pas.c */
extern const struct rig_smc_handler rig_smc_pas_handlers[];
extern const unsigned int rig_smc_nr_pas_handlers;

#endif /* __QCOM_PAS_RIG_TZ_SMC_H__ */
