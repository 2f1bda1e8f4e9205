/*
 * syscall.h - the kernel's entry points from the architecture layer.
 *
 * Contract: each is called with the running thread's state saved as the
 * architecture requires (docs/kernel.md).  `frame` is the hardware exception
 * frame on the thread's stack: r0-r3, r12, lr, pc, xpsr.  On return, kcur is
 * the thread to resume, and its stack pointer and memory table are installed.
 */
#ifndef SYSCALL_H
#define SYSCALL_H

#include <stdint.h>

struct thread;

/* The call-gate fast path: never switches threads, returns nothing. */
void ksinv(uint32_t *frame);
struct thread *ksret(uint32_t *frame);
struct thread *ksvc(uint32_t *frame, uint32_t op);
struct thread *kirq(uint32_t irq);
struct thread *ktimeout(void);
/* A fault taken in thread mode.  frame is 0 when stacking or unstacking failed. */
struct thread *kfault(uint32_t cause, uint32_t addr, uint32_t *frame, const uint32_t *r4_r11);

#endif
