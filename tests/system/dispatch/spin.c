/* spin.c - a thread that never gives up the CPU: only the dispatch timeout ends its turns. */
#include <cos/cos.h>
#include "dispatch.h"

int cos_main(uint32_t arg)
{
	(void)arg;
	for (;;)
		SPIN_COUNT++;
}
