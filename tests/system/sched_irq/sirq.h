/*
 * sirq.h - what the sched_irq test's booter, spinner and driver agree on.
 * A page of pool RAM is mapped into all three (the booter's region 3, the
 * spinner's region 2, the driver's region 4); TIM3 (the board's test timer)
 * is the driver's region 2, the clock controller its region 3.
 */
#ifndef SCHED_IRQ_H
#define SCHED_IRQ_H

#include <stdint.h>
#include "board.h"
#include "layout.h"
#include "test.h"

#define SHARED_ADDR LAYOUT_SLOT_RAM(7) /* slot 7 holds no component in this image */
#define SHARED_LOG2 12

enum { PHASE_SPIN, PHASE_IDLE, PHASE_DONE };

struct sirq_shared {
	volatile uint32_t phase;
	volatile uint32_t count;     /* the spinner's count */
	volatile uint32_t s_blocked; /* times the spinner blocked */
};
#define SH ((struct sirq_shared *)SHARED_ADDR)

#define TID_BOOTER 0
#define TID_SCHED  1
#define TID_IDLE   2
#define TID_SPIN   3
#define TID_DRIVER 4
#define PRIO_DRIVER 5
#define PRIO_SPIN   20
#define PRIO_BOOTER 25

/* Capability slots. */
#define SLOT_SCHED TEST_SLOT_FIRST       /* both: the scheduler's client gates (5 slots) */
#define SLOT_RCV   (TEST_SLOT_FIRST + 5) /* driver: its endpoint */
#define SLOT_SND   (TEST_SLOT_FIRST + 6) /* driver: asnd to it, for the interrupt line */
#define SLOT_HW    (TEST_SLOT_FIRST + 7) /* driver: interrupt lines, COS_R_WRITE */

/* STM32F405 reference manual (RM0090): RCC and general-purpose timer registers. */
#define RCC_APB1ENR  (board_devices_base(BOARD_DEV_CLOCKS) + BOARD_CLOCKS_TIMER_ENR)
#define RCC_TIM3EN   BOARD_CLOCKS_TEST_TIMER_EN
#define TIM_CR1(b)   ((b) + 0x00u)
#define TIM_DIER(b)  ((b) + 0x0cu)
#define TIM_SR(b)    ((b) + 0x10u)
#define TIM_CNT(b)   ((b) + 0x24u)
#define TIM_PSC(b)   ((b) + 0x28u)
#define TIM_ARR(b)   ((b) + 0x2cu)
#define TIM_CR1_CEN  (1u << 0)
#define TIM_DIER_UIE (1u << 0)
#define TIM_SR_UIF   (1u << 0)

#endif
