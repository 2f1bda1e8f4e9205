/*
 * board.c - netduinoplus2: device table, early console on USART1 (polled,
 * 115200 8N1 from the 16 MHz HSI that runs after reset), and halt through
 * semihosting (SYS_EXIT_EXTENDED), which QEMU turns into its exit code.
 */
#include <stdint.h>
#include "board.h"

#define REG(a) (*(volatile uint32_t *)(a))

#define RCC_AHB1ENR   0x40023830u
#define RCC_APB2ENR   0x40023844u
#define GPIOA_MODER   0x40020000u
#define GPIOA_AFRH    0x40020024u
#define USART1_SR     0x40011000u
#define USART1_DR     0x40011004u
#define USART1_BRR    0x40011008u
#define USART1_CR1    0x4001100Cu
#define USART_SR_TXE  (1u << 7)
#define USART_CR1_UE  (1u << 13)
#define USART_CR1_TE  (1u << 3)
#define USART_CR1_RE  (1u << 2)
#define HSI_HZ        16000000u
#define CONSOLE_BAUD  115200u
#define TXE_SPIN_MAX  100000u /* about 9 byte times at 16 MHz: never hang on a dead UART */

const struct board_device_desc board_devices[BOARD_NDEVICES] = {
#define BOARD_DEV_DESC(name, base, size, irq) { #name, base, size, irq },
	BOARD_DEVICES(BOARD_DEV_DESC)
#undef BOARD_DEV_DESC
};

void board_console_init(void)
{
	REG(RCC_AHB1ENR) |= 1u << 0;  /* GPIOA */
	REG(RCC_APB2ENR) |= 1u << 4;  /* USART1 */
	/* PA9 (TX), PA10 (RX): alternate function 7 */
	REG(GPIOA_MODER) = (REG(GPIOA_MODER) & ~(0xfu << 18)) | (0xau << 18);
	REG(GPIOA_AFRH) = (REG(GPIOA_AFRH) & ~(0xffu << 4)) | (0x77u << 4);
	REG(USART1_BRR) = (HSI_HZ + CONSOLE_BAUD / 2) / CONSOLE_BAUD;
	REG(USART1_CR1) = USART_CR1_UE | USART_CR1_TE | USART_CR1_RE;
}

void board_console_putc(char c)
{
	uint32_t spin = 0;

	if (c == '\n')
		board_console_putc('\r');
	while (!(REG(USART1_SR) & USART_SR_TXE) && spin++ < TXE_SPIN_MAX)
		;
	REG(USART1_DR) = (uint8_t)c;
}

void board_halt(int code)
{
	/* SYS_EXIT_EXTENDED (0x20) with ADP_Stopped_ApplicationExit and the code */
	uint32_t block[2] = { 0x20026u, (uint32_t)code };
	register uint32_t r0 __asm("r0") = 0x20;
	register uint32_t r1 __asm("r1") = (uint32_t)block;

	__asm volatile("cpsid i\n\tbkpt 0xab" : : "r"(r0), "r"(r1) : "memory");
	for (;;)
		__asm volatile("wfi");
}
