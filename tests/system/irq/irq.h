/*
 * irq.h - what the irq test's booter and timer driver agree on: TIM3 (the
 * board's test timer) is mapped in the driver's region 2, the clock
 * controller in region 3.
 */
#ifndef IRQ_H
#define IRQ_H

#include <stdint.h>
#include "board.h"
#include "test.h"

#define TID_DRIVER  1
#define TID_IDLE    2
#define PRIO_DRIVER 10
#define PRIO_IDLE   30 /* least urgent: an interrupt for the driver preempts it */

/* Driver's capability slots. */
#define SLOT_RCV   TEST_SLOT_FIRST       /* its endpoint */
#define SLOT_SND   (TEST_SLOT_FIRST + 1) /* asnd to that endpoint: what the line is attached to */
#define SLOT_HW    (TEST_SLOT_FIRST + 2) /* interrupt lines, COS_R_WRITE */
#define SLOT_HW_RO (TEST_SLOT_FIRST + 3) /* interrupt lines without COS_R_WRITE */
#define SLOT_SND2  (TEST_SLOT_FIRST + 4) /* asnd to a second endpoint of the driver's */
#define SLOT_DONE  (TEST_SLOT_FIRST + 5) /* asnd to the booter: the driver has finished */

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
