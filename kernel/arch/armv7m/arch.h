/*
 * arch.h - what the generic kernel needs from ARMv7-M.
 *
 * Contract: the kernel runs only in Handler mode, on the main stack, with
 * every kernel exception (SVCall, PendSV, SysTick, faults, interrupts) at one
 * priority, so kernel entries never nest.  Components run unprivileged on the
 * process stack.  The dispatch timeout is SysTick, counting processor clocks,
 * one-shot.
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

/*
 * Install a memory table: two loads and two stores of eight words, each store
 * writing four RBAR/RASR pairs through the alias registers (the RBAR words
 * carry VALID and the region number, so no RNR write is needed).  All eight
 * regions are written, so no region of the previous component survives.
 * arch_mpu_table records the table, so a switch can skip an identical one.
 */
extern const struct memtbl *arch_mpu_table; /* the table the MPU holds now */

static inline void arch_mpu_load(const struct memtbl *mt)
{
	const uint32_t *w = mt->words;

	arch_mpu_table = mt;
	__asm volatile("ldmia %0!, {r0-r6, r12}\n\t"
		       "stmia %1, {r0-r6, r12}\n\t"
		       "ldmia %0, {r0-r6, r12}\n\t"
		       "stmia %1, {r0-r6, r12}\n\t"
		       "dsb"
		       : "+r"(w)
		       : "r"(ARCH_MPU_RBAR)
		       : "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r12", "memory");
}

/* The exception frame the hardware pops: r0-r3, r12, lr, pc, xpsr. */
#define ARCH_FRAME_WORDS 8
#define ARCH_XPSR_THUMB 0x01000000u

/*
 * Build, below `top`, a frame that enters `pc` (halfword aligned) with r0-r3
 * from args[0..3], r12 = r12 and lr = 0, so returning from that function
 * faults; returns the frame, which becomes the process stack pointer.
 */
static inline uint32_t arch_frame_push(uint32_t top, const uint32_t *args, uint32_t r12, uint32_t pc)
{
	__asm volatile("ldmia %[a], {r0-r3}\n\t"
		       "mov r4, %[r12]\n\t"
		       "movs r5, #0\n\t"
		       "mov r6, %[pc]\n\t"
		       "mov r7, %[xpsr]\n\t"
		       "stmdb %[top]!, {r0-r7}"
		       : [top] "+r"(top)
		       : [a] "r"(args), [r12] "r"(r12), [pc] "r"(pc), [xpsr] "r"(ARCH_XPSR_THUMB)
		       : "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "memory");
	return top;
}

/* Copy the two result words (r0, r1) of one frame into another. */
static inline void arch_frame_results(uint32_t *dst, const uint32_t *src)
{
	uint32_t r0 = src[0], r1 = src[1];

	dst[0] = r0;
	dst[1] = r1;
}

#define ARCH_NVIC_ISER 0xE000E100u
#define ARCH_NVIC_ICER 0xE000E180u

/* Unmask / mask interrupt line irq in the NVIC. */
static inline void arch_irq_enable(uint32_t irq)
{
	*(volatile uint32_t *)(ARCH_NVIC_ISER + 4 * (irq >> 5)) = 1u << (irq & 31u);
}

static inline void arch_irq_disable(uint32_t irq)
{
	*(volatile uint32_t *)(ARCH_NVIC_ICER + 4 * (irq >> 5)) = 1u << (irq & 31u);
}

void arch_init(void);
void arch_timeout_arm(uint32_t ticks);
void arch_timeout_stop(void);

extern uint32_t arch_timeout_armed;

/* Cancel the dispatch timeout; only touches SysTick when one is armed. */
static inline void arch_timeout_disarm(void)
{
	if (arch_timeout_armed)
		arch_timeout_stop();
}
/* Leave the boot code for good: run `first` (kcur) unprivileged from psp. */
void arch_start(uint32_t psp) __attribute__((noreturn));

#endif
