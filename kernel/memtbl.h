/*
 * memtbl.h - memory tables: the MPU regions a component may touch.
 *
 * Contract: a table holds one encoded word pair per hardware region, so that
 * loading it is a run of stores.  A region is mapped only through a memory
 * capability that covers every enabled part of it with the permissions asked
 * for; pool memory must be user-typed, and each mapping holds one reference on
 * each block it touches, so no block can be retyped while mapped.  Kernel memory is never
 * covered by any memory capability, so it can never be mapped.
 */
#ifndef MEMTBL_H
#define MEMTBL_H

#include <stdint.h>
#include "kobj.h"
#include "kmem.h"
#include "captbl.h"
#include "mpu.h"

struct memtbl {
	struct kobj hdr;
	uint32_t words[2 * MPU_NREGIONS];    /* RBAR, RASR per region */
};

void memtbl_init(struct memtbl *mt);
int memtbl_map(struct memtbl *mt, struct kmem_pool *pool, const struct cap *mem,
	       uint32_t region, uint32_t base, uint32_t attr);
int memtbl_unmap(struct memtbl *mt, struct kmem_pool *pool, uint32_t region);
/* Unmap everything (before the table is destroyed). */
void memtbl_clear(struct memtbl *mt, struct kmem_pool *pool);

#endif
