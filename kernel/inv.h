/*
 * inv.h - synchronous invocation through call-gates (thread migration).
 *
 * Contract: inv_call() moves the calling thread into the gate's component:
 * it pushes the caller's component and stack pointer on the thread's
 * invocation stack, builds an exception frame on the thread's stack in the
 * server (r0-r3 copied, r12 = the gate's token, pc = the gate's entry) and
 * loads the server's memory table.  inv_return() pops that frame and returns
 * the server's r0 and r1 to the caller; where it returns is decided only by
 * the invocation stack.  r4-r11 pass through both ways unchanged: stubs that
 * need them preserved or cleared do it themselves.  Each failure leaves the
 * caller where it was with a negative r0.  Both are inline because they are
 * the kernel's fast path.
 */
#ifndef INV_H
#define INV_H

#include "switch.h"

/* The running thread's context is dead: return COS_EFAULT to its nearest live
 * caller, or suspend it when there is none (inv.c).  Fault delivery is
 * kfault() (syscall.h), also in inv.c. */
void inv_unwind(struct thread *t);

static inline void inv_call(struct thread *t, uint32_t *f)
{
	struct captbl *ct = t->comp->captbl;
	uint32_t idx = f[4];
	struct cap *gate;
	struct comp *srv;
	uint32_t s;

	if (idx >= ct->nslots) {
		f[0] = (uint32_t)COS_ECAP;
		return;
	}
	gate = &ct->slot[idx];
	if (gate->type != COS_CAP_SINV) {
		f[0] = (uint32_t)(gate->type == COS_CAP_FREE ? COS_ECAP : COS_ETYPE);
		return;
	}
	if (t->depth >= COS_INV_DEPTH) {
		f[0] = (uint32_t)COS_EDEPTH;
		return;
	}
	srv = (struct comp *)gate->obj;
	s = srv->stack_slot[t->tid];
	if (s == COS_NO_STACK) {
		f[0] = (uint32_t)COS_ENOSTACK;
		return;
	}
	t->inv[t->depth].comp = t->comp;
	t->inv[t->depth].sp = (uint32_t)f;
	t->depth++;
	srv->hdr.refcnt++; /* a thread inside keeps the component alive */
	t->comp = srv;
	/* The server's stack for this thread: the arguments, r12 = the token. */
	arch_psp_set(arch_frame_push(srv->stack_base + ((s + 1u) << srv->stack_log2), f, gate->w2, gate->w1));
	arch_mpu_load(srv->memtbl);
}

static inline void inv_return(struct thread *t, const uint32_t *f)
{
	struct invframe fr;
	uint32_t *cf;

	if (t->depth == 0) {
		((uint32_t *)f)[0] = (uint32_t)COS_ESTATE;
		return;
	}
	t->depth--;
	fr = t->inv[t->depth];
	t->comp->hdr.refcnt--;
	t->comp = fr.comp;
	if (fr.sp & INV_FAULT_FRAME) {
		/* Back from a fault handler: resume, or unwind the faulting context. */
		arch_psp_set(fr.sp & ~INV_FAULT_FRAME);
		arch_mpu_load(fr.comp->memtbl);
		if (f[0] != COS_FAULT_RESUME)
			inv_unwind(t);
		return;
	}
	cf = (uint32_t *)fr.sp;
	if (kuser_frame_writable(fr.sp))
		arch_frame_results(cf, f);
	arch_psp_set(fr.sp);
	arch_mpu_load(fr.comp->memtbl);
}

#endif
