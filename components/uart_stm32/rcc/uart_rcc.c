/*
 * uart_rcc.c - for a graph that gives the USART1 driver the RCC device: the
 * driver turns on its own clocks (RM0090 7.3.10 RCC_AHB1ENR.GPIOAEN, 7.3.14
 * RCC_APB2ENR.USART1EN).  List it in the driver's sources:
 *     sources = ["components/uart_stm32/rcc/uart_rcc.c"]
 * It replaces the weak default of uart_stm32.c, which relies on the kernel's
 * early console having turned them on at boot.
 */
#include <stdint.h>
#include "board.h"

#define RCC_AHB1ENR 0x30u
#define RCC_APB2ENR 0x44u
#define GPIOAEN  (1u << 0)
#define USART1EN (1u << 4)

void uart_stm32_clock_enable(void);
void uart_stm32_clock_enable(void)
{
	volatile uint32_t *ahb1 = (volatile uint32_t *)(board_devices_base(BOARD_DEV_RCC) + RCC_AHB1ENR);
	volatile uint32_t *apb2 = (volatile uint32_t *)(board_devices_base(BOARD_DEV_RCC) + RCC_APB2ENR);

	*ahb1 |= GPIOAEN;
	*apb2 |= USART1EN;
	/* The clock reaches the peripheral two bus cycles after the write (the
	 * STM32F40x errata sheet, "delay after an RCC peripheral clock
	 * enabling"): a read back of the register is that delay. */
	(void)*ahb1;
	(void)*apb2;
}
