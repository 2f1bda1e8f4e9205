/*
 * syscall.h - the kernel's entry points from the architecture layer.
 *
 * Contract: each is called with the running thread's state saved as the
 * architecture requires (docs/kernel.md).  `frame` is the hardware exception
 * frame on the thread's stack: r0-r3, r12, lr, pc, xpsr.  On return, kcur is
 * the thread to resume, with its stack pointer and memory table installed;
 * kprev (switch.h) names the thread that was running if any switch happened,
 * so the assembly swaps r4-r11 only then.  Capability invocations go through
 * kop_table, one handler per operation, which returns the caller's r0.
 */
#ifndef SYSCALL_H
#define SYSCALL_H

#include <stdint.h>

#include <cos/kabi.h>

typedef int (*op_handler)(uint32_t *frame, uint32_t op);
extern const op_handler kop_table[COS_OP_MAX + 1];

/* The call-gate fast paths.  ksinv never switches threads; ksret says
 * whether it did (only when a fault handler's return ends a thread). */
void ksinv(uint32_t *frame);
int ksret(uint32_t *frame);
void kirq(uint32_t irq);
void ktimeout(void);
/* A fault taken in thread mode.  frame is 0 when stacking or unstacking failed. */
void kfault(uint32_t cause, uint32_t addr, uint32_t *frame, const uint32_t *r4_r11);

#endif
