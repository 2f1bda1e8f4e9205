/* kmem.c - the typed-memory pool: retype state machine and reference counts. */
#include "kmem.h"
#include "kstring.h"
#include <cos/kabi.h>

static inline uint32_t meta_type(uint8_t m) { return m >> KMEM_TYPE_SHIFT; }
static inline uint32_t meta_count(uint8_t m) { return m & KMEM_COUNT_MASK; }

static inline void *block_addr(const struct kmem_pool *pool, uint32_t block)
{
	return (void *)(pool->base + ((uintptr_t)block << KMEM_BLOCK_SHIFT));
}

void kmem_init(struct kmem_pool *pool, uintptr_t base, uint32_t nblocks, uint8_t *meta)
{
	pool->base = base;
	pool->nblocks = nblocks;
	pool->meta = meta;
	kmemset(meta, 0, nblocks); /* COS_KMEM_UNTYPED, count 0 */
}

static int range_ok(const struct kmem_pool *pool, uint32_t first, uint32_t count)
{
	return count != 0 && first < pool->nblocks && count <= pool->nblocks - first;
}

int kmem_retype(struct kmem_pool *pool, uint32_t first, uint32_t count, uint32_t type)
{
	uint32_t i;

	if (type != COS_KMEM_UNTYPED && type != COS_KMEM_KERNEL && type != COS_KMEM_USER)
		return COS_EINVAL;
	if (!range_ok(pool, first, count))
		return COS_EINVAL;
	/* Check every block before changing any: all or none. */
	for (i = first; i < first + count; i++) {
		uint8_t m = pool->meta[i];
		if (meta_count(m) != 0)
			return COS_EBUSY;
		/* untyped -> kernel|user, kernel|user -> untyped; nothing else */
		if ((type == COS_KMEM_UNTYPED) == (meta_type(m) == COS_KMEM_UNTYPED))
			return COS_ETYPE;
	}
	for (i = first; i < first + count; i++)
		pool->meta[i] = (uint8_t)(type << KMEM_TYPE_SHIFT);
	kmemset(block_addr(pool, first), 0, (size_t)count << KMEM_BLOCK_SHIFT);
	return COS_OK;
}

int kmem_info(const struct kmem_pool *pool, uint32_t block, uint32_t *type, uint32_t *count)
{
	if (block >= pool->nblocks)
		return COS_EINVAL;
	*type = meta_type(pool->meta[block]);
	*count = meta_count(pool->meta[block]);
	return COS_OK;
}

int kmem_obj_alloc(struct kmem_pool *pool, uint32_t first, uint32_t nblocks, void **obj)
{
	uint32_t i;

	if (!range_ok(pool, first, nblocks))
		return COS_EINVAL;
	for (i = first; i < first + nblocks; i++) {
		uint8_t m = pool->meta[i];
		if (meta_type(m) != COS_KMEM_KERNEL)
			return COS_ENOMEM;
		if (meta_count(m) != 0)
			return COS_EBUSY;
	}
	for (i = first; i < first + nblocks; i++)
		pool->meta[i] = (uint8_t)((COS_KMEM_KERNEL << KMEM_TYPE_SHIFT) | 1);
	*obj = block_addr(pool, first);
	return COS_OK;
}

void kmem_obj_free(struct kmem_pool *pool, void *obj, uint32_t nblocks)
{
	uint32_t first = (uint32_t)(((uintptr_t)obj - pool->base) >> KMEM_BLOCK_SHIFT);
	uint32_t i;

	kmemset(obj, 0, (size_t)nblocks << KMEM_BLOCK_SHIFT);
	for (i = first; i < first + nblocks; i++)
		pool->meta[i] = (uint8_t)(COS_KMEM_KERNEL << KMEM_TYPE_SHIFT);
}

int kmem_in_pool(const struct kmem_pool *pool, uint32_t addr, uint32_t size)
{
	uintptr_t off = (uintptr_t)addr - pool->base;
	uintptr_t len = (uintptr_t)pool->nblocks << KMEM_BLOCK_SHIFT;

	return (uintptr_t)addr >= pool->base && off < len && size <= len - off;
}

/* Blocks touched by [addr, addr+size), size > 0, already known to be in the pool. */
static void block_span(const struct kmem_pool *pool, uint32_t addr, uint32_t size,
		       uint32_t *first, uint32_t *last)
{
	uintptr_t off = (uintptr_t)addr - pool->base;

	*first = (uint32_t)(off >> KMEM_BLOCK_SHIFT);
	*last = (uint32_t)((off + size - 1) >> KMEM_BLOCK_SHIFT);
}

int kmem_user_ref(struct kmem_pool *pool, uint32_t addr, uint32_t size)
{
	uint32_t first, last, i;

	if (size == 0 || !kmem_in_pool(pool, addr, size))
		return COS_ERANGE;
	block_span(pool, addr, size, &first, &last);
	for (i = first; i <= last; i++) {
		uint8_t m = pool->meta[i];
		if (meta_type(m) != COS_KMEM_USER)
			return COS_ETYPE;
		if (meta_count(m) == KMEM_COUNT_MAX)
			return COS_EBUSY;
	}
	for (i = first; i <= last; i++)
		pool->meta[i]++;
	return COS_OK;
}

void kmem_user_unref(struct kmem_pool *pool, uint32_t addr, uint32_t size)
{
	uint32_t first, last, i;

	block_span(pool, addr, size, &first, &last);
	for (i = first; i <= last; i++)
		pool->meta[i]--;
}

int kmem_user_writable(const struct kmem_pool *pool, uint32_t addr, uint32_t size)
{
	uint32_t first, last, i;

	if (size == 0 || !kmem_in_pool(pool, addr, size))
		return 0;
	block_span(pool, addr, size, &first, &last);
	for (i = first; i <= last; i++)
		if (meta_type(pool->meta[i]) != COS_KMEM_USER)
			return 0;
	return 1;
}
