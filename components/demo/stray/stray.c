/*
 * stray.c - a faulty client of the UART mux (compgraph/capsules.toml): it
 * says what it is about to do on its console channel, then writes into the
 * mux's private memory.  The MPU stops the store; the kernel reports the
 * fault and suspends this thread, and the mux and its other clients go on.
 */
#include <stdio.h>
#include "cos_gen.h"

int cos_main(uint32_t arg)
{
	(void)arg;
	printf("stray: writing into the UART mux's memory at %x\n", (unsigned)COS_RAM_uart_mux);
	fflush(stdout);
	*(volatile uint32_t *)COS_RAM_uart_mux = 0xdeadbeefu;
	printf("stray: the write went through (must never print)\n");
	return 0;
}
