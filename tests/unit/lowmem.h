/*
 * lowmem.h - real, writable memory at an address below 2^32, when the host
 * can give it.
 *
 * The pool's user-reference functions take 32-bit addresses (the target's),
 * while retype writes the blocks.  A test that needs both on one pool (retype
 * refused while a block is referenced or mapped, then allowed once it is not)
 * needs real memory whose address fits in 32 bits: heap memory of a 64-bit
 * host usually does not.  lowmem_map() asks mmap for such memory and returns
 * NULL when it cannot get it; callers then fall back to a weaker test and say
 * so.  The including file must define _DEFAULT_SOURCE before any #include so
 * that <sys/mman.h> declares MAP_ANONYMOUS (and MAP_FIXED_NOREPLACE /
 * MAP_32BIT where the C library has them).
 */
#ifndef UNIT_LOWMEM_H
#define UNIT_LOWMEM_H

#include <stddef.h>
#include <stdint.h>

#if defined(__unix__) || defined(__APPLE__)
#include <sys/mman.h>
#endif

static inline int lowmem_fits(const void *p, size_t len)
{
	return (uint64_t)(uintptr_t)p + len <= UINT64_C(0x100000000);
}

/* len bytes of zeroed read/write memory below 2^32, page-aligned, or NULL. */
static inline void *lowmem_map(size_t len)
{
#if defined(MAP_ANONYMOUS)
	static const uintptr_t hints[] = { 0x30000000u, 0x50000000u, 0x60000000u };
	size_t i;
	void *p;

	for (i = 0; i < sizeof hints / sizeof hints[0]; i++) {
		int flags = MAP_PRIVATE | MAP_ANONYMOUS;
#ifdef MAP_FIXED_NOREPLACE
		flags |= MAP_FIXED_NOREPLACE;
#endif
		p = mmap((void *)hints[i], len, PROT_READ | PROT_WRITE, flags, -1, 0);
		if (p == MAP_FAILED)
			continue;
		if (lowmem_fits(p, len))
			return p;
		munmap(p, len);
	}
#ifdef MAP_32BIT
	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
	if (p != MAP_FAILED) {
		if (lowmem_fits(p, len))
			return p;
		munmap(p, len);
	}
#endif
#endif
	(void)len;
	return NULL;
}

static inline void lowmem_unmap(void *p, size_t len)
{
#if defined(MAP_ANONYMOUS)
	if (p)
		munmap(p, len);
#else
	(void)p;
	(void)len;
#endif
}

#endif
