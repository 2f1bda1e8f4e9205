/* intruder.c - reads the ticker's private memory; the MPU stops it. */
#include <stdio.h>
#include "cos_gen.h"


int cos_main(uint32_t arg)
{
	(void)arg;
	printf("intruder: reading the ticker's memory, at %x\n", (unsigned)COS_RAM_ticker);
	printf("intruder: read %x (must never print)\n", (unsigned)*(volatile uint32_t *)COS_RAM_ticker);
	return 0;
}
