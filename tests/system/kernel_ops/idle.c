/* idle.c - a component that only needs to exist, with its memory mapped. */
#include <cos/cos.h>

int cos_main(uint32_t arg)
{
	(void)arg;
	return 0;
}
