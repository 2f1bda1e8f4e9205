/* idle.c - runs when nothing else can: waits for an interrupt. */
#include <cos/cos.h>

int cos_main(uint32_t arg)
{
	(void)arg;
	for (;;)
		__asm volatile("wfi");
	return 0;
}
