/*
 * cos.h - libcos: the kernel's operations as C calls, for components.
 *
 * Contract: each cos_* call is one `svc` with the operation number as its
 * immediate (cos/kabi.h) and returns the kernel's r0 (>= 0 on success, a
 * COS_E* error otherwise); calls that return a second word take a pointer.
 * Nothing here allocates or blocks except cos_arcv (blocks) and
 * cos_dispatch / cos_yield (switch threads).
 */
#ifndef COS_COS_H
#define COS_COS_H

#include <stddef.h>
#include <stdint.h>
#include <cos/kabi.h>

struct cos_ret {
	int32_t r0;
	uint32_t r1;
};

/* One kernel operation: op is a constant, so each expands to its own svc. */
#define COS_SYSCALL(op, cap, a0, a1, a2, a3, ret) \
	do { \
		register uint32_t r0_ __asm("r0") = (uint32_t)(a0); \
		register uint32_t r1_ __asm("r1") = (uint32_t)(a1); \
		register uint32_t r2_ __asm("r2") = (uint32_t)(a2); \
		register uint32_t r3_ __asm("r3") = (uint32_t)(a3); \
		register uint32_t r12_ __asm("r12") = (uint32_t)(cap); \
		__asm volatile("svc %[n]" \
			       : "+r"(r0_), "+r"(r1_), "+r"(r2_), "+r"(r3_), "+r"(r12_) \
			       : [n] "i"(op) \
			       : "memory"); \
		(ret).r0 = (int32_t)r0_; \
		(ret).r1 = r1_; \
	} while (0)

/* The same for operations that read only r0 and write only r0: r1-r3 come
 * back from the exception frame unchanged, so they need no setting. */
#define COS_SYSCALL1(op, cap, a0, ret) \
	do { \
		register uint32_t r0_ __asm("r0") = (uint32_t)(a0); \
		register uint32_t r12_ __asm("r12") = (uint32_t)(cap); \
		__asm volatile("svc %[n]" : "+r"(r0_), "+r"(r12_) : [n] "i"(op) : "memory"); \
		(ret) = (int32_t)r0_; \
	} while (0)

#define COS_OP_FN(name, op) \
	static inline int32_t name(uint32_t cap, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3) \
	{ \
		struct cos_ret r_; \
		COS_SYSCALL(op, cap, a0, a1, a2, a3, r_); \
		return r_.r0; \
	}

/* Generic forms, for callers that pass every register (tests of the ABI). */
COS_OP_FN(cos_op_asnd, COS_OP_ASND)
COS_OP_FN(cos_op_arcv, COS_OP_ARCV)
COS_OP_FN(cos_op_dispatch, COS_OP_DISPATCH)
COS_OP_FN(cos_op_retype, COS_OP_RETYPE)
COS_OP_FN(cos_op_cap_copy, COS_OP_CAP_COPY)
COS_OP_FN(cos_op_cap_remove, COS_OP_CAP_REMOVE)
COS_OP_FN(cos_op_deactivate, COS_OP_DEACTIVATE)
COS_OP_FN(cos_op_act_captbl, COS_OP_ACT_CAPTBL)
COS_OP_FN(cos_op_act_memtbl, COS_OP_ACT_MEMTBL)
COS_OP_FN(cos_op_act_comp, COS_OP_ACT_COMP)
COS_OP_FN(cos_op_act_thd, COS_OP_ACT_THD)
COS_OP_FN(cos_op_act_sinv, COS_OP_ACT_SINV)
COS_OP_FN(cos_op_act_arcv, COS_OP_ACT_ARCV)
COS_OP_FN(cos_op_act_asnd, COS_OP_ACT_ASND)
COS_OP_FN(cos_op_memtbl_map, COS_OP_MEMTBL_MAP)
COS_OP_FN(cos_op_memtbl_unmap, COS_OP_MEMTBL_UNMAP)
COS_OP_FN(cos_op_comp_stacks, COS_OP_COMP_STACKS)
COS_OP_FN(cos_op_comp_bind, COS_OP_COMP_BIND)
COS_OP_FN(cos_op_comp_fault, COS_OP_COMP_FAULT)
COS_OP_FN(cos_op_thd_start, COS_OP_THD_START)
COS_OP_FN(cos_op_thd_prio, COS_OP_THD_PRIO)
COS_OP_FN(cos_op_thd_sched, COS_OP_THD_SCHED)
COS_OP_FN(cos_op_hw_attach, COS_OP_HW_ATTACH)
COS_OP_FN(cos_op_hw_detach, COS_OP_HW_DETACH)
COS_OP_FN(cos_op_hw_halt, COS_OP_HW_HALT)
COS_OP_FN(cos_op_console, COS_OP_CONSOLE)
COS_OP_FN(cos_op_yield, COS_OP_YIELD)
COS_OP_FN(cos_op_none, COS_OP_NONE)
COS_OP_FN(cos_op_sret, COS_OP_SRET)

static inline int32_t cos_asnd(uint32_t snd)
{
	int32_t r;

	COS_SYSCALL1(COS_OP_ASND, snd, 0, r);
	return r;
}

static inline int32_t cos_arcv(uint32_t rcv)
{
	int32_t r;

	COS_SYSCALL1(COS_OP_ARCV, rcv, 0, r);
	return r;
}

static inline int32_t cos_dispatch(uint32_t thd, uint32_t timeout)
{
	int32_t r;

	COS_SYSCALL1(COS_OP_DISPATCH, thd, timeout, r);
	return r;
}

static inline int32_t cos_yield(void)
{
	int32_t r;

	COS_SYSCALL1(COS_OP_YIELD, 0, 0, r);
	return r;
}
static inline int32_t cos_retype(uint32_t pool, uint32_t first, uint32_t count, uint32_t type)
{
	return cos_op_retype(pool, first, count, type, 0);
}
static inline int32_t cos_cap_copy(uint32_t src_ct, uint32_t src, uint32_t dst_ct, uint32_t dst, uint32_t rights)
{
	return cos_op_cap_copy(src_ct, src, dst_ct, dst, rights);
}
static inline int32_t cos_cap_remove(uint32_t ct, uint32_t slot) { return cos_op_cap_remove(ct, slot, 0, 0, 0); }
static inline int32_t cos_deactivate(uint32_t ct, uint32_t slot) { return cos_op_deactivate(ct, slot, 0, 0, 0); }
static inline int32_t cos_thd_prio(uint32_t thd, uint32_t prio) { return cos_op_thd_prio(thd, prio, 0, 0, 0); }
static inline int32_t cos_hw_attach(uint32_t hw, uint32_t irq, uint32_t snd) { return cos_op_hw_attach(hw, irq, snd, 0, 0); }
static inline int32_t cos_halt(uint32_t hw, int code) { return cos_op_hw_halt(hw, (uint32_t)code, 0, 0, 0); }
static inline int32_t cos_memtbl_map(uint32_t mt, uint32_t mem, uint32_t region, uint32_t base, uint32_t attr)
{
	return cos_op_memtbl_map(mt, mem | (region << 16), base, attr, 0);
}
static inline int32_t cos_memtbl_unmap(uint32_t mt, uint32_t region) { return cos_op_memtbl_unmap(mt, region, 0, 0, 0); }

/* Operations with a second result word. */
static inline int32_t cos_cap_info(uint32_t ct, uint32_t slot, uint32_t *rights)
{
	struct cos_ret r;

	COS_SYSCALL(COS_OP_CAP_INFO, ct, slot, 0, 0, 0, r);
	*rights = r.r1;
	return r.r0;
}

static inline int32_t cos_kmem_info(uint32_t pool, uint32_t block, uint32_t *count)
{
	struct cos_ret r;

	COS_SYSCALL(COS_OP_KMEM_INFO, pool, block, 0, 0, 0, r);
	*count = r.r1;
	return r.r0;
}

static inline int32_t cos_sched_event(uint32_t *flags)
{
	struct cos_ret r;

	COS_SYSCALL(COS_OP_SCHED_EVENT, 0, 0, 0, 0, 0, r);
	*flags = r.r1;
	return r.r0;
}

/*
 * Synchronous invocation through call-gate `gate` (sinv.S).  The stub keeps
 * r4-r11 across the call, since the server may change them.  Results: r0,
 * and r1 through *r1 when not NULL.
 */
int32_t cos_sinv_call(uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3, uint32_t gate);
uint64_t cos_sinv2_call(uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3, uint32_t gate);
static inline int32_t cos_sinv(uint32_t gate, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3)
{
	return cos_sinv_call(a0, a1, a2, a3, gate);
}
static inline uint64_t cos_sinv2(uint32_t gate, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3)
{
	return cos_sinv2_call(a0, a1, a2, a3, gate);
}

/*
 * A server function fn(a0, a1, a2, a3) returning uint64_t (r0 low, r1 high)
 * or uint32_t gets the gate entry fn_cos_entry, which calls it and returns to
 * the invoker with sret.
 */
#define COS_SERVER_ENTRY(fn) \
	__asm(".text\n\t.thumb_func\n\t.global " #fn "_cos_entry\n" #fn "_cos_entry:\n\t" \
	      "bl " #fn "\n\tsvc 2\n\t.previous")
/*
 * The same for fn(a0, a1, a2, a3, token): the gate's token (r12 at entry, the
 * calling component's id in generated systems) becomes the fifth argument.
 */
#define COS_SERVER_ENTRY_TOKEN(fn) \
	__asm(".text\n\t.thumb_func\n\t.global " #fn "_cos_entry\n" #fn "_cos_entry:\n\t" \
	      "push {r12, lr}\n\tbl " #fn "\n\tadd sp, sp, #8\n\tsvc 2\n\t.previous")
#define COS_DECLARE_ENTRY(fn) extern char fn##_cos_entry[]
#define COS_ENTRY_ADDR(fn) ((uint32_t)fn##_cos_entry)
/* The gate entries a booter finds through the image header, in order:
 * COS_EXPORTS(COS_ENTRY_ADDR(f), COS_ENTRY_ADDR(g)) */
#define COS_EXPORTS(...) \
	__attribute__((section(".cos_exports"))) const uint32_t cos_exports[] = { sizeof((uint32_t[]){ __VA_ARGS__ }) / sizeof(uint32_t), __VA_ARGS__ }

/* Console output through the kernel's debug console (a HW cap with READ). */
void cos_console_cap(uint32_t hw);
void cos_puts(const char *s);
void cos_printf(const char *fmt, ...); /* %d %u %x %s %c; integers are 32 bits wide */

/* n bytes to the console capability above, as they are (returns n). */
long cos_console_write(const char *s, size_t n);

/*
 * Standard output: musl's stdout and stderr (fd 1 and 2), cos_puts and
 * cos_printf all end in cos_stdout_write(s, n), which returns the bytes taken
 * or a negative errno.  libcos' default (weak) is cos_console_write; a
 * component that defines its own sends them elsewhere (docs/libc.md).
 */
long cos_stdout_write(const char *s, size_t n);

/* A component's code starts here, on each of its threads, with the booter's
 * argument (in generated systems: the thread's index, COS_THREAD_<name>). */
int cos_main(uint32_t arg);

/* The argument of the booter's initialiser thread: it initialises the data,
 * runs cos_init() (weak: define it to do more) and ends.  It runs in every
 * component, servers before their clients, before any other thread. */
#define COS_ARG_INIT 0xffffffffu
void cos_init(void);

/* A finished thread: give the CPU back to the scheduler for good. */
void cos_thd_exit(void) __attribute__((noreturn));

#endif
