/* memtbl.c - mapping and unmapping regions of a memory table. */
#include "memtbl.h"

void memtbl_init(struct memtbl *mt)
{
	uint32_t r;

	mt->hdr.type = COS_CAP_MEMTBL;
	for (r = 0; r < MPU_NREGIONS; r++) {
		mt->words[2 * r] = mpu_rbar_disabled(r);
		mt->words[2 * r + 1] = 0;
	}
}

/*
 * Take (or drop) one reference on every pool block that an enabled piece of
 * the region touches, each block once even when several small pieces share
 * it; pieces [0, upto) only.  Pieces come in address order, so a block shared
 * by two pieces is always the last one counted.  Taking is for pool mappings
 * and stops at the first failure, saying which piece failed; dropping skips
 * pieces outside the pool, which only flash and device capabilities cover.
 */
static int pieces_ref(struct kmem_pool *pool, uint32_t base, uint32_t size, uint32_t srd,
		      uint32_t upto, int take, uint32_t *failed)
{
	uint32_t i, pb, ps, start, counted_end = 0;
	int err;

	for (i = 0; i < upto; i++) {
		if (!mpu_region_piece(base, size, srd, i, &pb, &ps))
			continue;
		if (!take && !kmem_in_pool(pool, pb, ps))
			continue; /* mapped through a flash or device capability */
		start = pb > counted_end ? pb : counted_end;
		if (start >= pb + ps)
			continue;
		if (take) {
			err = kmem_user_ref(pool, start, pb + ps - start);
			if (err) {
				*failed = i;
				return err;
			}
		} else {
			kmem_user_unref(pool, start, pb + ps - start);
		}
		counted_end = ((pb + ps - 1) | (KMEM_BLOCK_SIZE - 1)) + 1;
	}
	return COS_OK;
}

int memtbl_map(struct memtbl *mt, struct kmem_pool *pool, const struct cap *mem,
	       uint32_t region, uint32_t base, uint32_t attr)
{
	uint32_t rbar, rasr, size, srd, i, pb, ps;
	uint32_t perms = (attr >> 16) & 7u;
	int err;

	if (region >= MPU_NREGIONS)
		return COS_EINVAL;
	if (mt->words[2 * region + 1] & MPU_RASR_ENABLE)
		return COS_EEXIST;
	err = mpu_region_encode(region, base, attr, mem->kind, &rbar, &rasr);
	if (err)
		return err;
	if ((perms & ~(uint32_t)mem->rights) != 0)
		return COS_EPERMS;
	mpu_region_decode(rbar, rasr, &base, &size, &srd);
	for (i = 0; i < 8; i++) {
		if (!mpu_region_piece(base, size, srd, i, &pb, &ps))
			continue;
		if (pb < mem->w1 || ps > mem->w2 || pb - mem->w1 > mem->w2 - ps)
			return COS_ERANGE;
	}
	if (mem->kind == COS_MEM_POOL) {
		err = pieces_ref(pool, base, size, srd, 8, 1, &i);
		if (err) {
			pieces_ref(pool, base, size, srd, i, 0, &i);
			return err;
		}
	}
	mt->words[2 * region] = rbar;
	mt->words[2 * region + 1] = rasr;
	return COS_OK;
}

int memtbl_unmap(struct memtbl *mt, struct kmem_pool *pool, uint32_t region)
{
	uint32_t base, size, srd;

	if (region >= MPU_NREGIONS)
		return COS_EINVAL;
	if (!(mt->words[2 * region + 1] & MPU_RASR_ENABLE))
		return COS_ESTATE;
	mpu_region_decode(mt->words[2 * region], mt->words[2 * region + 1], &base, &size, &srd);
	pieces_ref(pool, base, size, srd, 8, 0, &srd);
	mt->words[2 * region] = mpu_rbar_disabled(region);
	mt->words[2 * region + 1] = 0;
	return COS_OK;
}

void memtbl_clear(struct memtbl *mt, struct kmem_pool *pool)
{
	uint32_t r;

	for (r = 0; r < MPU_NREGIONS; r++)
		if (mt->words[2 * r + 1] & MPU_RASR_ENABLE)
			memtbl_unmap(mt, pool, r);
}
