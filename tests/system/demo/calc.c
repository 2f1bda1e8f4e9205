/* calc.c - a server: adds, and asks the logger to record what it did. */
#include "demo.h"

static uint32_t calls;

uint32_t calc_add(uint32_t a, uint32_t b)
{
	calls++;
	/* Nested: the caller's thread goes on into the logger. */
	cos_sinv(SLOT_LOGGER, a, b, a + b, calls);
	return a + b;
}
COS_SERVER_ENTRY(calc_add);
COS_DECLARE_ENTRY(calc_add);
COS_EXPORTS(COS_ENTRY_ADDR(calc_add));

int cos_main(uint32_t arg)
{
	(void)arg;
	test_init();
	return 0;
}
