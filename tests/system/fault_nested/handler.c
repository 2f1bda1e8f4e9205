/* handler.c - a fault gate whose handling faults too (it reads kernel RAM). */
#include "test.h"
#include "board.h"

uint32_t bad_handler(uint32_t cause, uint32_t addr)
{
	cos_printf("handler: got cause %u at %x; now faulting myself\n", cause, addr);
	return *(volatile uint32_t *)BOARD_KERNEL_RAM_BASE;
}
COS_SERVER_ENTRY(bad_handler);
COS_DECLARE_ENTRY(bad_handler);
COS_EXPORTS(COS_ENTRY_ADDR(bad_handler));

int cos_main(uint32_t arg)
{
	(void)arg;
	test_init();
	return 0;
}
