/*
 * kstring.h - the few memory primitives the kernel uses (freestanding).
 * Contract: same meaning as memset/memcpy; regions must not overlap.
 */
#ifndef KSTRING_H
#define KSTRING_H

#include <stddef.h>

void kmemset(void *dst, int value, size_t len);
void kmemcpy(void *dst, const void *src, size_t len);

#endif
