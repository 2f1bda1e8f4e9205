/* kstring.c - byte loops; the kernel never copies much. */
#include "kstring.h"

void kmemset(void *dst, int value, size_t len)
{
	unsigned char *d = dst;

	while (len--)
		*d++ = (unsigned char)value;
}

void kmemcpy(void *dst, const void *src, size_t len)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	while (len--)
		*d++ = *s++;
}
