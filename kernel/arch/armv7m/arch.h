/*
 * arch.h - what the generic kernel needs from ARMv7-M.
 *
 * Contract: the kernel runs only in Handler mode, on the main stack, with
 * every kernel exception (SVCall, PendSV, SysTick, faults, interrupts) at one
 * priority, so kernel entries never nest.  Components run unprivileged on the
 * process stack.  arch_mpu_load() installs a memory table with as few stores
 * as the alias registers allow: two regions per four-word store, and only as
 * many pairs as the old or new table uses.  The dispatch timeout is SysTick,
 * counting processor clocks, one-shot.
 */
#ifndef ARCH_H
#define ARCH_H

#include <stdint.h>
#include "memtbl.h"

#define ARCH_TIMEOUT_MAX 0x00ffffffu
#define ARCH_MPU_RBAR 0xE000ED9Cu

static inline uint32_t arch_psp_get(void)
{
	uint32_t v;

	__asm volatile("mrs %0, psp" : "=r"(v));
	return v;
}

static inline void arch_psp_set(uint32_t v)
{
	__asm volatile("msr psp, %0" : : "r"(v) : "memory");
}

extern uint32_t arch_mpu_live; /* regions the loaded table uses */

#define ARCH_MPU_PAIRS(off) \
	__asm volatile("ldmia %0, {r0-r3}\n\tstmia %1, {r0-r3}" \
		       : : "r"(w + (off)), "r"(ARCH_MPU_RBAR) : "r0", "r1", "r2", "r3", "memory")

static inline void arch_mpu_load(const struct memtbl *mt)
{
	const uint32_t *w = mt->words;
	uint32_t n = mt->nhw > arch_mpu_live ? mt->nhw : arch_mpu_live;

	arch_mpu_live = mt->nhw;
	switch ((n + 1u) >> 1) {
	case 4:
		ARCH_MPU_PAIRS(12);
		/* fall through */
	case 3:
		ARCH_MPU_PAIRS(8);
		/* fall through */
	case 2:
		ARCH_MPU_PAIRS(4);
		/* fall through */
	case 1:
		ARCH_MPU_PAIRS(0);
		break;
	default:
		break;
	}
	__asm volatile("dsb" : : : "memory");
}

void arch_init(void);
void arch_irq_enable(uint32_t irq);
void arch_irq_disable(uint32_t irq);
void arch_timeout_arm(uint32_t ticks);
void arch_timeout_disarm(void);
/* Leave the boot code for good: run `first` (kcur) unprivileged from psp. */
void arch_start(uint32_t psp) __attribute__((noreturn));

#endif
