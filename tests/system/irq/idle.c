/*
 * idle.c - what the scheduler runs while the driver waits: sleep until an
 * interrupt (the timer's wakes the more urgent driver, which preempts this
 * thread) or the dispatch timeout (which returns to the scheduler).
 */
#include <cos/cos.h>

int cos_main(uint32_t arg)
{
	(void)arg;
	for (;;)
		__asm volatile("wfi" : : : "memory");
}
