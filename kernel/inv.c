/* inv.c - fault delivery through fault gates, and unwinding dead invocations. */
#include "inv.h"
#include "kprintf.h"
#include "kstring.h"
#include "syscall.h"

/* Words a fault gate finds at r2: the hardware frame, r4-r11, thread id, component id. */
#define FAULT_REGS_WORDS 18

void inv_unwind(struct thread *t)
{
	struct invframe fr;
	uint32_t *cf;

	while (invstk_pop(t, &fr) == COS_OK) {
		t->comp->hdr.refcnt--;
		t->comp = fr.comp;
		if (fr.sp & INV_FAULT_FRAME)
			continue; /* the context below is the one that faulted: dead too */
		cf = (uint32_t *)fr.sp;
		if (kuser_frame_writable(fr.sp)) {
			cf[0] = (uint32_t)COS_EFAULT;
			cf[1] = 0;
		}
		kprintf("kernel: thread %u returns COS_EFAULT to component %u\n", t->tid, fr.comp->id);
		arch_psp_set(fr.sp);
		arch_mpu_load(fr.comp->memtbl);
		return;
	}
	kprintf("kernel: thread %u suspended\n", t->tid);
	ksuspend_current();
}

static const char *const cause_name[] = { "?", "MPU violation", "bus fault", "usage fault", "hard fault" };

void kfault(uint32_t cause, uint32_t addr, uint32_t *frame, const uint32_t *r4_r11)
{
	struct thread *t = kcur;
	struct comp *c = t->comp;
	struct comp *h = c->fault_comp;
	uint32_t top = h ? comp_stack_top(h, t->tid) : 0;
	uint32_t psp = arch_psp_get();
	uint32_t *regs, args[4];

	if (!top || t->depth >= COS_INV_DEPTH) {
		kprintf("kernel: fault: thread %u in component %u: %s, pc %x, address %x%s\n",
			t->tid, c->id, cause_name[cause], frame ? frame[6] : 0, addr,
			h ? " (fault gate unusable)" : " (no fault gate)");
		inv_unwind(t);
		return;
	}
	regs = (uint32_t *)top - FAULT_REGS_WORDS;
	if (frame)
		kmemcpy(regs, frame, ARCH_FRAME_WORDS * sizeof(uint32_t));
	else
		kmemset(regs, 0, ARCH_FRAME_WORDS * sizeof(uint32_t)); /* stacking failed: no frame */
	kmemcpy(regs + 8, r4_r11, 8 * sizeof(uint32_t));
	regs[16] = t->tid;
	regs[17] = c->id;
	args[0] = cause;
	args[1] = addr;
	args[2] = (uint32_t)regs;
	args[3] = c->id;
	invstk_push(t, c, psp | INV_FAULT_FRAME);
	h->hdr.refcnt++;
	t->comp = h;
	arch_psp_set(arch_frame_push((uint32_t)regs, args, c->fault_token, c->fault_entry));
	arch_mpu_load(h->memtbl);
}
