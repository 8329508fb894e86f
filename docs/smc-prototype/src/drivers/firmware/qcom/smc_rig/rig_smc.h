/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Prototype: a Qualcomm TrustZone faked at the SMC instruction.
 *
 * rig_smc_hook.c     catches every call of __arm_smccc_smc() (kprobes at
 *                    its call sites) and runs rig_smc_dispatch() instead of
 *                    the SMC;
 * rig_smc_dispatch.c decodes Qualcomm's SMC convention (function id,
 *                    arginfo, the extra-arguments buffer), answers
 *                    INFO/IS_CALL_AVAIL, injects BUSY/INTERRUPTED, logs,
 *                    and calls the handler of the table below;
 * rig_smc_bridge.c   SHM bridges (enable, create, delete) and the
 *                    "inside a bridge" check every buffer argument passes;
 * rig_smc_pas.c      the PAS calls (a minimal state machine standing in for
 *                    the rig's rig_tz.c) and the other calls qcom_scm makes.
 */
#ifndef __RIG_SMC_H
#define __RIG_SMC_H

#include <linux/arm-smccc.h>
#include <linux/types.h>

/* Qualcomm's SMC convention (drivers/firmware/qcom/qcom_scm{.h,-smc.c}) */
#define RIG_SMC_MAX_ARGS	10	/* MAX_QCOM_SCM_ARGS */
#define RIG_SMC_N_REG_ARGS	4	/* x2..x5 */
#define RIG_SMC_N_EXT_ARGS	(RIG_SMC_MAX_ARGS - RIG_SMC_N_REG_ARGS + 1)

enum rig_smc_argtype {
	RIG_SMC_VAL,
	RIG_SMC_RO,
	RIG_SMC_RW,
	RIG_SMC_BUFVAL,
};

/* The convention's arginfo, as QCOM_SCM_ARGS() builds it */
#define RIG_SMC_ARGINFO_NUM(ai)		((ai) & 0xf)
#define RIG_SMC_ARGINFO_TYPE(ai, i)	(((ai) >> (4 + 2 * (i))) & 0x3)

/* Statuses TrustZone returns in x0 (qcom_scm.h's common error codes) */
#define RIG_SMC_OK		0
#define RIG_SMC_INTERRUPTED	1
#define RIG_SMC_WAITQ_SLEEP	2
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
#define RIG_SVC_WAITQ			0x24
#define RIG_WAITQ_GET_INFO		0x04

/* PAS: what qcom_scm.c reads back (RSCTABLE_BUFFER_NOT_SUFFICIENT) */
#define RIG_RSCTABLE_BUFFER_NOT_SUFFICIENT	20
/* SHM bridge enable: "not supported" in result[0] (SHMBRIDGE_RESULT_NOTSUPP) */
#define RIG_SHMBRIDGE_NOTSUPP			4

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
 * @arginfo:	the arginfo TrustZone requires (a call with another one is
 *		refused with RIG_SMC_EINVAL_ARG)
 * @fast_only:	must be a fast call; @std_only: must be a yielding call
 * @std_only:	see @fast_only
 * @available:	answer to IS_CALL_AVAIL and whether the call is implemented
 *		at all, for the configured TrustZone generation (NULL: yes)
 * @handle:	fills @c->a0 and @c->res
 */
struct rig_smc_handler {
	u8 owner;
	u8 svc;
	u8 cmd;
	const char *name;
	u32 arginfo;
	bool fast_only;
	bool std_only;
	bool (*available)(void);
	void (*handle)(struct rig_smc_call *c);
};

/* TrustZone generations (boot-time: rig_smc.gen=) */
enum rig_smc_gen {
	RIG_SMC_GEN_RSCTABLE,	/* PAS with GET_RSCTABLE, SHM bridges */
	RIG_SMC_GEN_LEGACY,	/* PAS without GET_RSCTABLE, SHM bridges */
	RIG_SMC_GEN_NOBRIDGE,	/* PAS without GET_RSCTABLE, no SHM bridges */
};

extern enum rig_smc_gen rig_smc_gen;

/* rig_smc_hook.c */
int rig_smc_hook_sites(void);
bool rig_smc_hook_entry_probed(void);
int rig_smc_hook_entry_result(void);
u32 rig_smc_hook_entry_insn(void);

/* rig_smc_dispatch.c */
void rig_smc_dispatch(const unsigned long regs[8], struct arm_smccc_res *res,
		      unsigned long *x6);
void rig_smc_fail(struct rig_smc_call *c, long a0, const char *fmt, ...);
void rig_smc_violate(const char *fmt, ...);
bool rig_smc_buf_ok(struct rig_smc_call *c, unsigned int arg, phys_addr_t pa,
		    size_t size);
void *rig_smc_phys(phys_addr_t pa, size_t size);
const struct rig_smc_handler *rig_smc_find_handler(u8 owner, u8 svc, u8 cmd);

/* Log and fault injection, for the tests */
#define RIG_SMC_LOG	512
unsigned int rig_smc_log_count(void);
bool rig_smc_log_get(unsigned int seq, struct rig_smc_call *c);
void rig_smc_log_print(unsigned int from);
unsigned int rig_smc_count(u8 owner, u8 svc, u8 cmd, unsigned int from);
void rig_smc_inject_busy(u8 svc, u8 cmd, unsigned int times);
void rig_smc_inject_interrupted(u8 svc, u8 cmd, unsigned int times);
void rig_smc_inject_status(u8 svc, u8 cmd, long a0, u64 res0);
unsigned int rig_smc_violations(void);
const char *rig_smc_last_violation(void);

/* rig_smc_bridge.c */
extern const struct rig_smc_handler rig_smc_bridge_handlers[];
extern const unsigned int rig_smc_nr_bridge_handlers;
bool rig_smc_bridging(void);
bool rig_smc_bridged(phys_addr_t pa, size_t size, u64 *handle);
bool rig_smc_bridge_exactly(phys_addr_t pa, size_t size);
unsigned int rig_smc_live_bridges(void);
unsigned int rig_smc_bridges_created(void);
void rig_smc_bridges_print(void);

/* rig_smc_pas.c */
extern const struct rig_smc_handler rig_smc_pas_handlers[];
extern const unsigned int rig_smc_nr_pas_handlers;
int rig_smc_pas_add(u32 pas_id, phys_addr_t mem, size_t size, bool linux_stream);
void rig_smc_pas_set_rsc_size(size_t size);
void rig_smc_pas_refuse_shutdown(u32 pas_id, unsigned int times, u64 status);
bool rig_smc_pas_running(u32 pas_id);
void rig_smc_pas_forget(u32 pas_id);

#endif /* __RIG_SMC_H */
