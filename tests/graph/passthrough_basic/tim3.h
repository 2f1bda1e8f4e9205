/* tim3.h - TIM3 for the passthrough tests, programmed as RM0090 (section 18)
 * says: its registers, as words of the device's window. */
#ifndef PT_TIM3_H
#define PT_TIM3_H

#include <stdint.h>

#define TIM_CR1  0  /* CEN: bit 0 */
#define TIM_DIER 3  /* UIE: bit 0 */
#define TIM_SR   4  /* UIF: bit 0 */
#define TIM_CNT  9
#define TIM_PSC  10
#define TIM_ARR  11
#define PT_PERIOD 2000000u /* 2 ms under QEMU (its timers count at 1 GHz) */

/* The device's registers (mapped only while the component holds it). */
volatile uint32_t *tim3(void);
/* Turn on TIM3's clock (RCC_APB1ENR.TIM3EN): the component owns RCC. */
void tim3_clock_on(void);
/* Periodic update interrupts, and stop them. */
void tim3_start(void);
void tim3_stop(void);
/* Wait on the endpoint rcv for n update interrupts (at most tries receives);
 * returns how many arrived with UIF set, each cleared. */
uint32_t tim3_wait(uint32_t rcv, uint32_t n, uint32_t tries);

#endif
