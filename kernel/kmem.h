/*
 * kmem.h - the typed-memory pool.
 *
 * Contract: the pool is a run of fixed-size blocks, each untyped, kernel or
 * user, with a reference count.  Kernel objects live only in kernel-typed
 * blocks; memory tables map only user-typed blocks; a block changes type only
 * through untyped and only while its count is zero.  A block is zeroed each
 * time it is retyped and each time a kernel object in it is freed, so no data
 * crosses between the kernel and components or between two users of a block.
 */
#ifndef KMEM_H
#define KMEM_H

#include <stdint.h>
#include <stddef.h>

#define KMEM_BLOCK_SHIFT 7
#define KMEM_BLOCK_SIZE (1u << KMEM_BLOCK_SHIFT)

/* One metadata byte per block: type in the top two bits, count below. */
#define KMEM_TYPE_SHIFT 6
#define KMEM_COUNT_MASK 0x3fu
#define KMEM_COUNT_MAX  KMEM_COUNT_MASK

struct kmem_pool {
	uintptr_t base;   /* address of block 0, block-aligned */
	uint32_t nblocks;
	uint8_t *meta;    /* nblocks bytes */
};

void kmem_init(struct kmem_pool *pool, uintptr_t base, uint32_t nblocks, uint8_t *meta);

/* Retype blocks [first, first+count) to `type`: all or none change. */
int kmem_retype(struct kmem_pool *pool, uint32_t first, uint32_t count, uint32_t type);

/* Type and count of one block (COS_EINVAL past the pool). */
int kmem_info(const struct kmem_pool *pool, uint32_t block, uint32_t *type, uint32_t *count);

/* Claim `nblocks` free kernel-typed blocks from `first` for one object. */
int kmem_obj_alloc(struct kmem_pool *pool, uint32_t first, uint32_t nblocks, void **obj);
/* Give an object's blocks back: zeroed, kernel-typed, unreferenced. */
void kmem_obj_free(struct kmem_pool *pool, void *obj, uint32_t nblocks);

/*
 * User references: a memory table mapping, or a component's pinned stacks.
 * [addr, addr+size) must be wholly inside the pool and wholly user-typed.
 */
int kmem_user_ref(struct kmem_pool *pool, uint32_t addr, uint32_t size);
void kmem_user_unref(struct kmem_pool *pool, uint32_t addr, uint32_t size);

/* Does [addr, addr+size) lie inside the pool's address range at all? */
int kmem_in_pool(const struct kmem_pool *pool, uint32_t addr, uint32_t size);

/* Nonzero when the kernel may write [addr, addr+size) on a component's
 * behalf: inside the pool, in user-typed blocks only. */
int kmem_user_writable(const struct kmem_pool *pool, uint32_t addr, uint32_t size);

#endif
