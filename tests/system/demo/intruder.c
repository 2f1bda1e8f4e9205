/* intruder.c - reads the ticker's private memory.  The MPU stops it. */
#include "demo.h"

int cos_main(uint32_t arg)
{
	(void)arg;
	test_init();
	cos_printf("intruder: reading the ticker's memory at %x\n", TICKER_RAM);
	cos_printf("intruder: read %x (must never print)\n", *(volatile uint32_t *)TICKER_RAM);
	CHECK("intruder: the MPU should have stopped this read", 0);
	test_done();
	return 0;
}
