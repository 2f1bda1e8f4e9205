/*
 * stray.c - a faulty component (compgraph/default.toml): it says what it
 * is about to do on the kernel's console, then writes into the UART mux's
 * private memory.  The MPU stops the store; the kernel reports the
 * fault and suspends this thread, and the mux and its other clients go on.
 */
#include "cos_gen.h"

int cos_main(uint32_t arg)
{
	(void)arg;
	cos_printf("stray: writing into the UART mux's memory at %x\n", (unsigned)COS_RAM_uart_mux);
	*(volatile uint32_t *)COS_RAM_uart_mux = 0xdeadbeefu;
	cos_printf("stray: the write went through (must never print)\n");
	return 0;
}
