/*
 * adc_stm32.h - the STM32F4 ADC driver's build-time settings and its one
 * hook (docs/adc.md, "The driver").
 */
#ifndef ADC_STM32_H
#define ADC_STM32_H

#include "board.h"

/* The sampling clock: a general-purpose timer the graph gives the driver with
 * its interrupt on the thread "clock".  The board's second timer (TIM3 on
 * netduinoplus2); a board that wants another one defines BOARD_DEV_ADC_CLOCK. */
#ifdef BOARD_DEV_ADC_CLOCK
#define ADC_CLOCK_DEV BOARD_DEV_ADC_CLOCK
#else
#define ADC_CLOCK_DEV BOARD_DEV_TEST_TIMER
#endif

/* The timer's input clock.  QEMU 7.2's STM32 timer counts at 1 GHz whatever
 * RCC says (RCC is not modelled); on the part the kernel leaves the 16 MHz
 * HSI running, so TIMCLK is 16 MHz: build with -DADC_TIMER_HZ=16000000u, or
 * let the board say (BOARD_TIMER_HZ). */
#ifdef BOARD_TIMER_HZ
#define ADC_TIMER_HZ BOARD_TIMER_HZ
#elif !defined(ADC_TIMER_HZ)
#define ADC_TIMER_HZ 1000000000u
#endif

/* Turns on the clocks of ADC1 and the sampling timer in RCC.  The driver's
 * default does nothing (RCC belongs to another component, which must do it);
 * rcc/adc_rcc.c, added to the driver with sources = [...] when the graph
 * gives it RCC, does it. */
void adc_stm32_clocks_on(void);

#endif
