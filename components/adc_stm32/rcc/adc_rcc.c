/*
 * adc_rcc.c - the clocks of the ADC driver, for systems whose graph gives the
 * driver RCC too: add it with sources = ["components/adc_stm32/rcc/adc_rcc.c"].
 * RCC is one device with one owner; in a system where another component owns
 * it, that component turns these clocks on instead (docs/adc.md, "Clocks").
 */
#include <stdint.h>
#include "../adc_stm32.h"

#define RCC_APB2ENR   0x44u     /* RM0090 7.3.14 */
#define RCC_ADC1EN    (1u << 8)

void adc_stm32_clocks_on(void)
{
	volatile uint32_t *rcc = (volatile uint32_t *)board_devices_base(BOARD_DEV_CLOCKS);

	rcc[RCC_APB2ENR / 4] |= RCC_ADC1EN;
	rcc[BOARD_CLOCKS_TIMER_ENR / 4] |= BOARD_CLOCKS_TEST_TIMER_EN; /* the sampling clock's timer */
}
