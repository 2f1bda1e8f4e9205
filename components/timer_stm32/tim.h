/*
 * tim.h - the timer_stm32 driver's two halves: the component
 * (timer_stm32.c), which knows the "timer" interface, its client and its
 * interrupt thread, and a backend, which alone touches the timer's registers.
 *
 * THE ONE PLACE WHERE THE CHIP AND QEMU DIFFER is the choice of backend,
 * made here at build time:
 *   tim_chip.c  (TIMER_STM32_CHIP) - the STM32F405 as RM0090 describes it: the
 *               counter free-running over 32 bits (ARR = 0xffffffff) and
 *               compare channel 1 (CCR1, CC1IE, CC1IF) as the alarm;
 *   tim_qemu.c  (TIMER_STM32_QEMU, the default) - QEMU 7.2's model, which
 *               has no compare interrupts: the update interrupt, which the
 *               model raises ARR ticks after an ARR write, as a one-shot.
 * Build for the chip with -DTIMER_STM32_CHIP.  docs/alarm.md, section 3,
 * has the details of both.
 */
#ifndef TIM_H
#define TIM_H

#include <stdint.h>

#if !defined(TIMER_STM32_CHIP) && !defined(TIMER_STM32_QEMU)
#define TIMER_STM32_QEMU 1
#endif
#if defined(TIMER_STM32_CHIP) && defined(TIMER_STM32_QEMU)
#error "timer_stm32: choose one of TIMER_STM32_CHIP and TIMER_STM32_QEMU"
#endif

/* General-purpose timer registers (RM0090 18.4, TIM2 to TIM5), word offsets. */
#define TIM_CR1   (0x00 / 4)
#define TIM_DIER  (0x0c / 4)
#define TIM_SR    (0x10 / 4)
#define TIM_EGR   (0x14 / 4)
#define TIM_CCMR1 (0x18 / 4)
#define TIM_CCER  (0x20 / 4)
#define TIM_CNT   (0x24 / 4)
#define TIM_PSC   (0x28 / 4)
#define TIM_ARR   (0x2c / 4)
#define TIM_CCR1  (0x34 / 4)
#define TIM_CR1_CEN   (1u << 0)
#define TIM_DIER_UIE  (1u << 0)
#define TIM_DIER_CC1IE (1u << 1)
#define TIM_SR_UIF    (1u << 0)
#define TIM_SR_CC1IF  (1u << 1)
#define TIM_EGR_UG    (1u << 0)

/* The counter's value when the driver starts it: 2^29 ticks before the wrap
 * (0.54 s under QEMU, 34 s on the chip at 16 MHz), so that every system
 * crosses 2^32 early, as Linux starts jiffies 5 minutes before theirs. */
#define TIMER_STM32_START (0u - (1u << 29))

/* A target is reached when now - target, wrapping, is less than half the
 * range (so a target up to half the range ahead is in the future). */
static inline int tim_reached(uint32_t now, uint32_t target)
{
	return now - target < 0x80000000u;
}

/* The backend (tim_chip.c or tim_qemu.c).  Only the mux's thread calls
 * tim_arm and tim_disarm, only the interrupt thread tim_ack; tim_now is
 * called on any thread and changes nothing. */
void tim_init(volatile uint32_t *tim); /* counter running from TIMER_STM32_START, alarm off */
uint32_t tim_now(void);
uint32_t tim_freq(void);
uint32_t tim_arm(uint32_t target); /* the counter; target reached at it: left disarmed */
void tim_disarm(void);
int tim_ack(void);            /* 1 if the alarm's flag was set (now cleared) */

#endif
