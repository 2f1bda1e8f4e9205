/*
 * test_kmem.c - the typed-memory pool: retype state machine, object blocks,
 * user references, and the address-range predicates.
 *
 * Three pools are used:
 *  - a real pool in heap memory (aligned_alloc) with one guard block on each
 *    side, for everything that writes the blocks (retype, object alloc/free);
 *  - a fake pool at the 32-bit address FAKE_BASE that is never dereferenced,
 *    for kmem_user_ref/unref, kmem_in_pool and kmem_user_writable, which take
 *    the target's 32-bit addresses and never touch the blocks themselves;
 *    its metadata is set by hand, never through kmem_retype;
 *  - when the host can give it (lowmem.h), real memory below 2^32, to follow
 *    one block through kmem_user_ref and kmem_retype together.
 */
#define _DEFAULT_SOURCE
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "lowmem.h"
#include "kmem.h"
#include <cos/kabi.h>

#define BS KMEM_BLOCK_SIZE
#define META(type, count) ((uint8_t)(((type) << KMEM_TYPE_SHIFT) | (count)))

/* ---- helpers ------------------------------------------------------------ */

static int all_bytes(const void *p, unsigned char v, size_t n)
{
	const unsigned char *b = p;
	size_t i;

	for (i = 0; i < n; i++)
		if (b[i] != v)
			return 0;
	return 1;
}

static uint32_t btype(const struct kmem_pool *pool, uint32_t b)
{
	uint32_t t = 0xdead, c = 0xdead;

	CHECK_EQ(kmem_info(pool, b, &t, &c), COS_OK);
	return t;
}

static uint32_t bcount(const struct kmem_pool *pool, uint32_t b)
{
	uint32_t t = 0xdead, c = 0xdead;

	CHECK_EQ(kmem_info(pool, b, &t, &c), COS_OK);
	return c;
}

/* A real pool of REAL_N blocks with a guard block before and after it. */
#define REAL_N 16u

struct real_pool {
	struct kmem_pool pool;
	uint8_t meta[REAL_N];
	unsigned char *mem;   /* REAL_N + 2 blocks: guard, pool, guard */
	unsigned char *blk;   /* block 0 of the pool */
};

static void real_open(struct real_pool *rp)
{
	rp->mem = aligned_alloc(BS, (REAL_N + 2) * BS);
	CHECK(rp->mem != NULL);
	if (!rp->mem)
		abort();
	memset(rp->mem, 0x5a, (REAL_N + 2) * BS);
	rp->blk = rp->mem + BS;
	kmem_init(&rp->pool, (uintptr_t)rp->blk, REAL_N, rp->meta);
}

static void real_close(struct real_pool *rp)
{
	free(rp->mem);
	rp->mem = rp->blk = NULL;
}

static unsigned char *blk(struct real_pool *rp, uint32_t b) { return rp->blk + (size_t)b * BS; }

static int guards_intact(struct real_pool *rp)
{
	return all_bytes(rp->mem, 0x5a, BS) && all_bytes(rp->mem + (REAL_N + 1) * BS, 0x5a, BS);
}

/* A fake pool at a 32-bit address: never dereferenced. */
#define FAKE_GUARD 0x20000000u  /* kernel RAM: [FAKE_GUARD, FAKE_BASE) */
#define FAKE_BASE  0x20001000u
#define FAKE_N     64u
#define FAKE_END   (FAKE_BASE + FAKE_N * BS)  /* 0x20003000 */

struct fake_pool {
	struct kmem_pool pool;
	uint8_t meta[FAKE_N];
};

/* All blocks user-typed and unreferenced, as after a retype to user. */
static void fake_open(struct fake_pool *fp)
{
	uint32_t i;

	kmem_init(&fp->pool, FAKE_BASE, FAKE_N, fp->meta);
	for (i = 0; i < FAKE_N; i++)
		fp->meta[i] = META(COS_KMEM_USER, 0);
}

/* ---- kmem_init / kmem_info ---------------------------------------------- */

static void test_init_info(void)
{
	struct kmem_pool pool;
	uint8_t meta[8];
	uint32_t t = 77, c = 88, i;

	memset(meta, 0xff, sizeof meta);
	kmem_init(&pool, FAKE_BASE, 8, meta);
	CHECK_EQ(pool.base, FAKE_BASE);
	CHECK_EQ(pool.nblocks, 8);
	CHECK_PTR_EQ(pool.meta, meta);
	for (i = 0; i < 8; i++)
		CHECK_EQ(meta[i], 0);

	CHECK_EQ(kmem_info(&pool, 7, &t, &c), COS_OK);
	CHECK_EQ(t, COS_KMEM_UNTYPED);
	CHECK_EQ(c, 0);
	meta[3] = META(COS_KMEM_USER, 17);
	CHECK_EQ(kmem_info(&pool, 3, &t, &c), COS_OK);
	CHECK_EQ(t, COS_KMEM_USER);
	CHECK_EQ(c, 17);
	meta[4] = META(COS_KMEM_KERNEL, KMEM_COUNT_MAX);
	CHECK_EQ(kmem_info(&pool, 4, &t, &c), COS_OK);
	CHECK_EQ(t, COS_KMEM_KERNEL);
	CHECK_EQ(c, KMEM_COUNT_MAX);

	/* Past the pool: refused, outputs untouched. */
	t = 77;
	c = 88;
	CHECK_EQ(kmem_info(&pool, 8, &t, &c), COS_EINVAL);
	CHECK_EQ(kmem_info(&pool, 0xffffffffu, &t, &c), COS_EINVAL);
	CHECK_EQ(t, 77);
	CHECK_EQ(c, 88);
}

/* ---- kmem_retype -------------------------------------------------------- */

static void test_retype_bad_type(void)
{
	static const uint32_t bad[] = { 3, 4, 0x40, 0xff, 0x100, 0x80000001u, 0xffffffffu };
	struct real_pool rp;
	uint8_t before[REAL_N];
	size_t i;

	real_open(&rp);
	CHECK_EQ(kmem_retype(&rp.pool, 0, 2, COS_KMEM_KERNEL), COS_OK);
	memset(blk(&rp, 0), 0x77, REAL_N * BS);
	memcpy(before, rp.meta, sizeof before);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		CHECK_EQ(kmem_retype(&rp.pool, 0, 1, bad[i]), COS_EINVAL);
		CHECK_EQ(kmem_retype(&rp.pool, 4, 2, bad[i]), COS_EINVAL);
	}
	/* The type is checked before the range. */
	CHECK_EQ(kmem_retype(&rp.pool, REAL_N, 0, 3), COS_EINVAL);
	CHECK(memcmp(before, rp.meta, sizeof before) == 0);
	CHECK(all_bytes(blk(&rp, 0), 0x77, REAL_N * BS));
	CHECK(guards_intact(&rp));
	real_close(&rp);
}

static void test_retype_bad_range(void)
{
	struct real_pool rp;
	uint8_t before[REAL_N];
	uint32_t ty;

	real_open(&rp);
	memcpy(before, rp.meta, sizeof before);
	for (ty = COS_KMEM_UNTYPED; ty <= COS_KMEM_USER; ty++) {
		CHECK_EQ(kmem_retype(&rp.pool, 0, 0, ty), COS_EINVAL);              /* count 0 */
		CHECK_EQ(kmem_retype(&rp.pool, 5, 0, ty), COS_EINVAL);
		CHECK_EQ(kmem_retype(&rp.pool, REAL_N, 1, ty), COS_EINVAL);         /* first past end */
		CHECK_EQ(kmem_retype(&rp.pool, REAL_N + 7, 1, ty), COS_EINVAL);
		CHECK_EQ(kmem_retype(&rp.pool, 0, REAL_N + 1, ty), COS_EINVAL);     /* one too many */
		CHECK_EQ(kmem_retype(&rp.pool, REAL_N - 1, 2, ty), COS_EINVAL);     /* straddles end */
		CHECK_EQ(kmem_retype(&rp.pool, 1, 0xffffffffu, ty), COS_EINVAL);    /* first+count wraps */
		CHECK_EQ(kmem_retype(&rp.pool, 0xffffffffu, 2, ty), COS_EINVAL);    /* wraps to 1 */
		CHECK_EQ(kmem_retype(&rp.pool, 0xffffffffu, 1, ty), COS_EINVAL);
		CHECK_EQ(kmem_retype(&rp.pool, 2, 0xfffffff0u, ty), COS_EINVAL);
	}
	CHECK(memcmp(before, rp.meta, sizeof before) == 0);
	CHECK(all_bytes(rp.mem, 0x5a, (REAL_N + 2) * BS));

	/* The exact extent of the pool is accepted. */
	CHECK_EQ(kmem_retype(&rp.pool, 0, REAL_N, COS_KMEM_KERNEL), COS_OK);
	CHECK_EQ(btype(&rp.pool, 0), COS_KMEM_KERNEL);
	CHECK_EQ(btype(&rp.pool, REAL_N - 1), COS_KMEM_KERNEL);
	CHECK_EQ(kmem_retype(&rp.pool, REAL_N - 1, 1, COS_KMEM_UNTYPED), COS_OK);
	CHECK(guards_intact(&rp));
	real_close(&rp);
}

static void test_retype_transitions(void)
{
	struct real_pool rp;

	real_open(&rp);
	/* untyped -> untyped */
	CHECK_EQ(kmem_retype(&rp.pool, 0, 1, COS_KMEM_UNTYPED), COS_ETYPE);
	CHECK_EQ(kmem_retype(&rp.pool, 0, REAL_N, COS_KMEM_UNTYPED), COS_ETYPE);

	/* untyped -> kernel, then kernel -> user, kernel -> kernel refused */
	CHECK_EQ(kmem_retype(&rp.pool, 2, 3, COS_KMEM_KERNEL), COS_OK);
	CHECK_EQ(btype(&rp.pool, 1), COS_KMEM_UNTYPED);
	CHECK_EQ(btype(&rp.pool, 2), COS_KMEM_KERNEL);
	CHECK_EQ(btype(&rp.pool, 4), COS_KMEM_KERNEL);
	CHECK_EQ(btype(&rp.pool, 5), COS_KMEM_UNTYPED);
	CHECK_EQ(bcount(&rp.pool, 2), 0);
	CHECK_EQ(kmem_retype(&rp.pool, 2, 1, COS_KMEM_USER), COS_ETYPE);
	CHECK_EQ(kmem_retype(&rp.pool, 2, 3, COS_KMEM_USER), COS_ETYPE);
	CHECK_EQ(kmem_retype(&rp.pool, 3, 1, COS_KMEM_KERNEL), COS_ETYPE);
	CHECK_EQ(btype(&rp.pool, 2), COS_KMEM_KERNEL);
	CHECK_EQ(btype(&rp.pool, 3), COS_KMEM_KERNEL);

	/* kernel -> untyped -> user */
	CHECK_EQ(kmem_retype(&rp.pool, 2, 3, COS_KMEM_UNTYPED), COS_OK);
	CHECK_EQ(btype(&rp.pool, 3), COS_KMEM_UNTYPED);
	CHECK_EQ(kmem_retype(&rp.pool, 2, 3, COS_KMEM_USER), COS_OK);
	CHECK_EQ(btype(&rp.pool, 2), COS_KMEM_USER);
	CHECK_EQ(bcount(&rp.pool, 2), 0);

	/* user -> kernel and user -> user refused; user -> untyped allowed */
	CHECK_EQ(kmem_retype(&rp.pool, 2, 1, COS_KMEM_KERNEL), COS_ETYPE);
	CHECK_EQ(kmem_retype(&rp.pool, 4, 1, COS_KMEM_KERNEL), COS_ETYPE);
	CHECK_EQ(kmem_retype(&rp.pool, 2, 3, COS_KMEM_USER), COS_ETYPE);
	CHECK_EQ(btype(&rp.pool, 4), COS_KMEM_USER);
	CHECK_EQ(kmem_retype(&rp.pool, 2, 3, COS_KMEM_UNTYPED), COS_OK);
	CHECK_EQ(btype(&rp.pool, 2), COS_KMEM_UNTYPED);
	CHECK_EQ(btype(&rp.pool, 4), COS_KMEM_UNTYPED);

	/* A range mixing kernel and user blocks cannot go to either. */
	CHECK_EQ(kmem_retype(&rp.pool, 0, 1, COS_KMEM_KERNEL), COS_OK);
	CHECK_EQ(kmem_retype(&rp.pool, 1, 1, COS_KMEM_USER), COS_OK);
	CHECK_EQ(kmem_retype(&rp.pool, 0, 2, COS_KMEM_KERNEL), COS_ETYPE);
	CHECK_EQ(kmem_retype(&rp.pool, 0, 2, COS_KMEM_USER), COS_ETYPE);
	CHECK_EQ(kmem_retype(&rp.pool, 0, 2, COS_KMEM_UNTYPED), COS_OK);
	CHECK(guards_intact(&rp));
	real_close(&rp);
}

/* A block holding a kernel object cannot be retyped until the object is freed. */
static void test_retype_busy_kernel(void)
{
	struct real_pool rp;
	void *obj = NULL;

	real_open(&rp);
	CHECK_EQ(kmem_retype(&rp.pool, 4, 4, COS_KMEM_KERNEL), COS_OK);  /* blocks 4..7 */
	CHECK_EQ(kmem_obj_alloc(&rp.pool, 6, 2, &obj), COS_OK);           /* object in 6, 7 */
	CHECK_PTR_EQ(obj, blk(&rp, 6));
	memset(blk(&rp, 4), 0x31, 4 * BS);

	CHECK_EQ(kmem_retype(&rp.pool, 6, 1, COS_KMEM_UNTYPED), COS_EBUSY);
	CHECK_EQ(kmem_retype(&rp.pool, 7, 1, COS_KMEM_UNTYPED), COS_EBUSY);
	CHECK_EQ(kmem_retype(&rp.pool, 6, 2, COS_KMEM_UNTYPED), COS_EBUSY);
	/* All or nothing: the free blocks 4, 5 before the busy one stay as they were. */
	CHECK_EQ(kmem_retype(&rp.pool, 4, 4, COS_KMEM_UNTYPED), COS_EBUSY);
	CHECK_EQ(btype(&rp.pool, 4), COS_KMEM_KERNEL);
	CHECK_EQ(btype(&rp.pool, 5), COS_KMEM_KERNEL);
	CHECK_EQ(bcount(&rp.pool, 6), 1);
	CHECK_EQ(bcount(&rp.pool, 7), 1);
	CHECK(all_bytes(blk(&rp, 4), 0x31, 4 * BS));   /* nothing zeroed */

	kmem_obj_free(&rp.pool, obj, 2);
	CHECK_EQ(kmem_retype(&rp.pool, 4, 4, COS_KMEM_UNTYPED), COS_OK);
	CHECK(all_bytes(blk(&rp, 4), 0, 4 * BS));
	CHECK(guards_intact(&rp));
	real_close(&rp);
}

/*
 * A user block with a nonzero count cannot be retyped.  On the heap pool the
 * count is set by hand (heap addresses do not fit kmem_user_ref's 32-bit
 * arguments); test_retype_busy_user_ref below does it through kmem_user_ref.
 */
static void test_retype_busy_user_count(void)
{
	struct real_pool rp;

	real_open(&rp);
	CHECK_EQ(kmem_retype(&rp.pool, 0, 4, COS_KMEM_USER), COS_OK);
	memset(blk(&rp, 0), 0x42, 4 * BS);
	rp.meta[3] = META(COS_KMEM_USER, 1);
	CHECK_EQ(kmem_retype(&rp.pool, 3, 1, COS_KMEM_UNTYPED), COS_EBUSY);
	CHECK_EQ(kmem_retype(&rp.pool, 0, 4, COS_KMEM_UNTYPED), COS_EBUSY);
	CHECK_EQ(btype(&rp.pool, 0), COS_KMEM_USER);
	CHECK_EQ(btype(&rp.pool, 2), COS_KMEM_USER);
	CHECK_EQ(bcount(&rp.pool, 3), 1);
	CHECK(all_bytes(blk(&rp, 0), 0x42, 4 * BS));
	rp.meta[3] = META(COS_KMEM_USER, KMEM_COUNT_MAX);
	CHECK_EQ(kmem_retype(&rp.pool, 3, 1, COS_KMEM_UNTYPED), COS_EBUSY);
	rp.meta[3] = META(COS_KMEM_USER, 0);
	CHECK_EQ(kmem_retype(&rp.pool, 0, 4, COS_KMEM_UNTYPED), COS_OK);
	CHECK(all_bytes(blk(&rp, 0), 0, 4 * BS));
	real_close(&rp);
}

/* The same through kmem_user_ref, on real memory below 2^32 when available. */
static void test_retype_busy_user_ref(void)
{
	const uint32_t n = 32;
	size_t len = (size_t)n * BS;
	unsigned char *mem = lowmem_map(len);
	struct kmem_pool pool;
	uint8_t meta[32];
	uint32_t base;

	if (!mem) {
		printf("test_kmem: note: no memory below 2^32; retype-while-referenced through "
		       "kmem_user_ref is covered only with hand-set counts\n");
		return;
	}
	base = (uint32_t)(uintptr_t)mem;
	kmem_init(&pool, (uintptr_t)mem, n, meta);
	CHECK_EQ(kmem_retype(&pool, 0, 8, COS_KMEM_USER), COS_OK);
	memset(mem, 0x99, 8 * BS);

	CHECK_EQ(kmem_user_ref(&pool, base + 2 * BS + 5, 1), COS_OK);   /* block 2 */
	CHECK_EQ(bcount(&pool, 2), 1);
	CHECK_EQ(kmem_retype(&pool, 2, 1, COS_KMEM_UNTYPED), COS_EBUSY);
	CHECK_EQ(kmem_retype(&pool, 0, 8, COS_KMEM_UNTYPED), COS_EBUSY);
	CHECK_EQ(btype(&pool, 0), COS_KMEM_USER);
	CHECK_EQ(btype(&pool, 7), COS_KMEM_USER);
	CHECK(all_bytes(mem, 0x99, 8 * BS));

	/* Two references need two unrefs. */
	CHECK_EQ(kmem_user_ref(&pool, base, 3 * BS), COS_OK);            /* blocks 0..2 */
	CHECK_EQ(bcount(&pool, 2), 2);
	kmem_user_unref(&pool, base + 2 * BS + 5, 1);
	CHECK_EQ(kmem_retype(&pool, 2, 1, COS_KMEM_UNTYPED), COS_EBUSY);
	kmem_user_unref(&pool, base, 3 * BS);
	CHECK_EQ(bcount(&pool, 0), 0);
	CHECK_EQ(bcount(&pool, 2), 0);
	CHECK_EQ(kmem_retype(&pool, 0, 8, COS_KMEM_UNTYPED), COS_OK);
	CHECK(all_bytes(mem, 0, 8 * BS));
	lowmem_unmap(mem, len);
}

/* A refused range changes neither metadata nor memory, wherever the bad block is. */
static void test_retype_all_or_nothing(void)
{
	struct real_pool rp;
	uint8_t before[REAL_N];
	void *obj = NULL;

	real_open(&rp);
	/* Block 5 kernel among untyped 0..7: retype 0..7 to user refused at block 5. */
	CHECK_EQ(kmem_retype(&rp.pool, 5, 1, COS_KMEM_KERNEL), COS_OK);
	memset(blk(&rp, 0), 0x6b, REAL_N * BS);
	memcpy(before, rp.meta, sizeof before);
	CHECK_EQ(kmem_retype(&rp.pool, 0, 8, COS_KMEM_USER), COS_ETYPE);
	CHECK_EQ(kmem_retype(&rp.pool, 0, 6, COS_KMEM_KERNEL), COS_ETYPE);  /* bad block last */
	CHECK_EQ(kmem_retype(&rp.pool, 5, 3, COS_KMEM_USER), COS_ETYPE);    /* bad block first */
	CHECK(memcmp(before, rp.meta, sizeof before) == 0);
	CHECK(all_bytes(blk(&rp, 0), 0x6b, REAL_N * BS));

	/* Untyped block last in a kernel range going to untyped. */
	CHECK_EQ(kmem_retype(&rp.pool, 8, 3, COS_KMEM_KERNEL), COS_OK);    /* 8..10 kernel, 11 untyped */
	memset(blk(&rp, 0), 0x6c, REAL_N * BS);
	memcpy(before, rp.meta, sizeof before);
	CHECK_EQ(kmem_retype(&rp.pool, 8, 4, COS_KMEM_UNTYPED), COS_ETYPE);
	CHECK(memcmp(before, rp.meta, sizeof before) == 0);

	/* Busy block last. */
	CHECK_EQ(kmem_obj_alloc(&rp.pool, 10, 1, &obj), COS_OK);
	memset(blk(&rp, 0), 0x6d, REAL_N * BS);
	memcpy(before, rp.meta, sizeof before);
	CHECK_EQ(kmem_retype(&rp.pool, 8, 3, COS_KMEM_UNTYPED), COS_EBUSY);
	CHECK(memcmp(before, rp.meta, sizeof before) == 0);
	CHECK(all_bytes(blk(&rp, 0), 0x6d, REAL_N * BS));
	CHECK(guards_intact(&rp));
	kmem_obj_free(&rp.pool, obj, 1);
	real_close(&rp);
}

/* Retyping zeroes exactly the retyped blocks, in every allowed direction. */
static void test_retype_zeroing(void)
{
	struct real_pool rp;

	real_open(&rp);
	memset(blk(&rp, 0), 0xa5, REAL_N * BS);
	CHECK_EQ(kmem_retype(&rp.pool, 3, 4, COS_KMEM_KERNEL), COS_OK);
	CHECK(all_bytes(blk(&rp, 0), 0xa5, 3 * BS));
	CHECK(all_bytes(blk(&rp, 3), 0, 4 * BS));
	CHECK(all_bytes(blk(&rp, 7), 0xa5, (REAL_N - 7) * BS));

	memset(blk(&rp, 3), 0xc3, 4 * BS);
	CHECK_EQ(kmem_retype(&rp.pool, 3, 4, COS_KMEM_UNTYPED), COS_OK);
	CHECK(all_bytes(blk(&rp, 3), 0, 4 * BS));
	CHECK(all_bytes(blk(&rp, 7), 0xa5, BS));

	memset(blk(&rp, 3), 0xc4, 4 * BS);
	CHECK_EQ(kmem_retype(&rp.pool, 3, 4, COS_KMEM_USER), COS_OK);
	CHECK(all_bytes(blk(&rp, 3), 0, 4 * BS));
	memset(blk(&rp, 3), 0xc5, 4 * BS);
	CHECK_EQ(kmem_retype(&rp.pool, 3, 4, COS_KMEM_UNTYPED), COS_OK);
	CHECK(all_bytes(blk(&rp, 3), 0, 4 * BS));

	/* The first and last blocks: nothing outside the pool is written. */
	CHECK_EQ(kmem_retype(&rp.pool, 0, 1, COS_KMEM_USER), COS_OK);
	CHECK_EQ(kmem_retype(&rp.pool, REAL_N - 1, 1, COS_KMEM_USER), COS_OK);
	CHECK(all_bytes(blk(&rp, 0), 0, BS));
	CHECK(all_bytes(blk(&rp, REAL_N - 1), 0, BS));
	CHECK(all_bytes(blk(&rp, REAL_N - 2), 0xa5, BS));
	CHECK(guards_intact(&rp));
	real_close(&rp);
}

/* ---- kmem_obj_alloc / kmem_obj_free ------------------------------------- */

static void test_obj_alloc(void)
{
	struct real_pool rp;
	void *sentinel = &rp;
	void *obj = sentinel, *obj2 = NULL;
	uint8_t before[REAL_N];

	real_open(&rp);
	/* untyped 0..1, kernel 2..9, user 10..11, untyped 12.. */
	CHECK_EQ(kmem_retype(&rp.pool, 2, 8, COS_KMEM_KERNEL), COS_OK);
	CHECK_EQ(kmem_retype(&rp.pool, 10, 2, COS_KMEM_USER), COS_OK);
	memcpy(before, rp.meta, sizeof before);

	/* Out of range. */
	CHECK_EQ(kmem_obj_alloc(&rp.pool, 2, 0, &obj), COS_EINVAL);
	CHECK_EQ(kmem_obj_alloc(&rp.pool, REAL_N, 1, &obj), COS_EINVAL);
	CHECK_EQ(kmem_obj_alloc(&rp.pool, REAL_N - 1, 2, &obj), COS_EINVAL);
	CHECK_EQ(kmem_obj_alloc(&rp.pool, 2, 0xffffffffu, &obj), COS_EINVAL);
	CHECK_EQ(kmem_obj_alloc(&rp.pool, 0xffffffffu, 3, &obj), COS_EINVAL);
	/* Not kernel-typed. */
	CHECK_EQ(kmem_obj_alloc(&rp.pool, 0, 1, &obj), COS_ENOMEM);     /* untyped */
	CHECK_EQ(kmem_obj_alloc(&rp.pool, 10, 1, &obj), COS_ENOMEM);    /* user */
	CHECK_EQ(kmem_obj_alloc(&rp.pool, 8, 3, &obj), COS_ENOMEM);     /* runs into user */
	CHECK_EQ(kmem_obj_alloc(&rp.pool, 1, 2, &obj), COS_ENOMEM);     /* starts untyped */
	CHECK_PTR_EQ(obj, sentinel);
	CHECK(memcmp(before, rp.meta, sizeof before) == 0);

	/* Success: the address of the first block, every block counted once. */
	CHECK_EQ(kmem_obj_alloc(&rp.pool, 4, 3, &obj), COS_OK);
	CHECK_PTR_EQ(obj, blk(&rp, 4));
	CHECK_EQ(bcount(&rp.pool, 3), 0);
	CHECK_EQ(bcount(&rp.pool, 4), 1);
	CHECK_EQ(bcount(&rp.pool, 5), 1);
	CHECK_EQ(bcount(&rp.pool, 6), 1);
	CHECK_EQ(bcount(&rp.pool, 7), 0);
	CHECK_EQ(btype(&rp.pool, 6), COS_KMEM_KERNEL);

	/* Referenced blocks are refused, alone or at the end of a range. */
	memcpy(before, rp.meta, sizeof before);
	obj2 = sentinel;
	CHECK_EQ(kmem_obj_alloc(&rp.pool, 4, 1, &obj2), COS_EBUSY);
	CHECK_EQ(kmem_obj_alloc(&rp.pool, 6, 1, &obj2), COS_EBUSY);
	CHECK_EQ(kmem_obj_alloc(&rp.pool, 2, 3, &obj2), COS_EBUSY);
	CHECK_EQ(kmem_obj_alloc(&rp.pool, 6, 2, &obj2), COS_EBUSY);
	CHECK_PTR_EQ(obj2, sentinel);
	CHECK(memcmp(before, rp.meta, sizeof before) == 0);

	/* The blocks around it are still free for another object. */
	CHECK_EQ(kmem_obj_alloc(&rp.pool, 7, 3, &obj2), COS_OK);
	CHECK_PTR_EQ(obj2, blk(&rp, 7));
	CHECK_EQ(kmem_obj_alloc(&rp.pool, 2, 2, &obj2), COS_OK);
	CHECK_PTR_EQ(obj2, blk(&rp, 2));
	CHECK(guards_intact(&rp));
	real_close(&rp);
}

static void test_obj_free(void)
{
	struct real_pool rp;
	void *obj = NULL, *again = NULL;

	real_open(&rp);
	CHECK_EQ(kmem_retype(&rp.pool, 0, 6, COS_KMEM_KERNEL), COS_OK);
	CHECK_EQ(kmem_obj_alloc(&rp.pool, 2, 3, &obj), COS_OK);
	memset(blk(&rp, 0), 0x11, 6 * BS);
	memset(obj, 0xee, 3 * BS);

	kmem_obj_free(&rp.pool, obj, 3);
	CHECK(all_bytes(blk(&rp, 2), 0, 3 * BS));
	CHECK(all_bytes(blk(&rp, 0), 0x11, 2 * BS));
	CHECK(all_bytes(blk(&rp, 5), 0x11, BS));
	CHECK_EQ(btype(&rp.pool, 2), COS_KMEM_KERNEL);
	CHECK_EQ(btype(&rp.pool, 4), COS_KMEM_KERNEL);
	CHECK_EQ(bcount(&rp.pool, 2), 0);
	CHECK_EQ(bcount(&rp.pool, 3), 0);
	CHECK_EQ(bcount(&rp.pool, 4), 0);

	/* Freed blocks can hold a new object, or be retyped. */
	CHECK_EQ(kmem_obj_alloc(&rp.pool, 3, 2, &again), COS_OK);
	CHECK_PTR_EQ(again, blk(&rp, 3));
	memset(again, 0xef, 2 * BS);
	kmem_obj_free(&rp.pool, again, 2);
	CHECK(all_bytes(blk(&rp, 3), 0, 2 * BS));
	CHECK_EQ(kmem_retype(&rp.pool, 2, 3, COS_KMEM_UNTYPED), COS_OK);

	/* An object in the last block. */
	CHECK_EQ(kmem_retype(&rp.pool, REAL_N - 1, 1, COS_KMEM_KERNEL), COS_OK);
	CHECK_EQ(kmem_obj_alloc(&rp.pool, REAL_N - 1, 1, &obj), COS_OK);
	memset(obj, 0xfe, BS);
	kmem_obj_free(&rp.pool, obj, 1);
	CHECK(all_bytes(blk(&rp, REAL_N - 1), 0, BS));
	CHECK_EQ(bcount(&rp.pool, REAL_N - 1), 0);
	CHECK(guards_intact(&rp));
	real_close(&rp);
}

/* ---- kmem_user_ref / kmem_user_unref (fake pool) ------------------------ */

static int fake_all_counts_zero(const struct fake_pool *fp)
{
	uint32_t i;

	for (i = 0; i < FAKE_N; i++)
		if ((fp->meta[i] & KMEM_COUNT_MASK) != 0)
			return 0;
	return 1;
}

static void test_user_ref_range(void)
{
	struct fake_pool fp;
	uint32_t i;

	fake_open(&fp);
	CHECK_EQ(kmem_user_ref(&fp.pool, FAKE_BASE, 0), COS_ERANGE);           /* empty */
	CHECK_EQ(kmem_user_ref(&fp.pool, FAKE_BASE + 200, 0), COS_ERANGE);
	CHECK_EQ(kmem_user_ref(&fp.pool, FAKE_BASE - 1, 1), COS_ERANGE);       /* just below */
	CHECK_EQ(kmem_user_ref(&fp.pool, FAKE_BASE - BS, 2 * BS), COS_ERANGE); /* straddles start */
	CHECK_EQ(kmem_user_ref(&fp.pool, FAKE_GUARD, 0x1000), COS_ERANGE);     /* kernel RAM */
	CHECK_EQ(kmem_user_ref(&fp.pool, FAKE_END - 1, 2), COS_ERANGE);        /* straddles end */
	CHECK_EQ(kmem_user_ref(&fp.pool, FAKE_END, 1), COS_ERANGE);            /* just past */
	CHECK_EQ(kmem_user_ref(&fp.pool, FAKE_BASE, FAKE_N * BS + 1), COS_ERANGE);
	CHECK_EQ(kmem_user_ref(&fp.pool, 0x08000000u, 0x100), COS_ERANGE);     /* flash */
	CHECK_EQ(kmem_user_ref(&fp.pool, 0, 0xffffffffu), COS_ERANGE);
	CHECK_EQ(kmem_user_ref(&fp.pool, FAKE_BASE, 0xffffffffu), COS_ERANGE);  /* end wraps */
	CHECK_EQ(kmem_user_ref(&fp.pool, 0xffffff80u, 0x100), COS_ERANGE);     /* wraps to 0x80 */
	CHECK_EQ(kmem_user_ref(&fp.pool, 0xfffff000u, FAKE_BASE + 0x1100u), COS_ERANGE); /* wraps into the pool */
	CHECK(fake_all_counts_zero(&fp));

	/* The whole pool. */
	CHECK_EQ(kmem_user_ref(&fp.pool, FAKE_BASE, FAKE_N * BS), COS_OK);
	for (i = 0; i < FAKE_N; i++)
		CHECK_EQ(bcount(&fp.pool, i), 1);
	kmem_user_unref(&fp.pool, FAKE_BASE, FAKE_N * BS);
	CHECK(fake_all_counts_zero(&fp));

	/* The last byte; a range inside one block; a range across a block boundary. */
	CHECK_EQ(kmem_user_ref(&fp.pool, FAKE_END - 1, 1), COS_OK);
	CHECK_EQ(bcount(&fp.pool, FAKE_N - 1), 1);
	CHECK_EQ(bcount(&fp.pool, FAKE_N - 2), 0);
	CHECK_EQ(kmem_user_ref(&fp.pool, FAKE_BASE + BS, BS), COS_OK);          /* block 1 only */
	CHECK_EQ(bcount(&fp.pool, 0), 0);
	CHECK_EQ(bcount(&fp.pool, 1), 1);
	CHECK_EQ(bcount(&fp.pool, 2), 0);
	CHECK_EQ(kmem_user_ref(&fp.pool, FAKE_BASE + 100, 50), COS_OK);         /* blocks 0 and 1 */
	CHECK_EQ(bcount(&fp.pool, 0), 1);
	CHECK_EQ(bcount(&fp.pool, 1), 2);
	CHECK_EQ(bcount(&fp.pool, 2), 0);
	CHECK_EQ(btype(&fp.pool, 1), COS_KMEM_USER);

	kmem_user_unref(&fp.pool, FAKE_BASE + 100, 50);
	CHECK_EQ(bcount(&fp.pool, 0), 0);
	CHECK_EQ(bcount(&fp.pool, 1), 1);
	kmem_user_unref(&fp.pool, FAKE_BASE + BS, BS);
	kmem_user_unref(&fp.pool, FAKE_END - 1, 1);
	CHECK(fake_all_counts_zero(&fp));
	CHECK_EQ(btype(&fp.pool, 1), COS_KMEM_USER);
	CHECK_EQ(btype(&fp.pool, FAKE_N - 1), COS_KMEM_USER);
}

static void test_user_ref_type(void)
{
	struct fake_pool fp;
	uint8_t before[FAKE_N];

	fake_open(&fp);
	fp.meta[3] = META(COS_KMEM_UNTYPED, 0);
	fp.meta[5] = META(COS_KMEM_KERNEL, 0);
	fp.meta[6] = META(COS_KMEM_KERNEL, 1);   /* holds an object */
	memcpy(before, fp.meta, sizeof before);

	CHECK_EQ(kmem_user_ref(&fp.pool, FAKE_BASE + 3 * BS, 1), COS_ETYPE);
	CHECK_EQ(kmem_user_ref(&fp.pool, FAKE_BASE + 5 * BS + 64, 64), COS_ETYPE);
	CHECK_EQ(kmem_user_ref(&fp.pool, FAKE_BASE + 6 * BS, BS), COS_ETYPE);
	/* Bad block last, or reached by a single byte: nothing is counted. */
	CHECK_EQ(kmem_user_ref(&fp.pool, FAKE_BASE, 3 * BS + 1), COS_ETYPE);
	CHECK_EQ(kmem_user_ref(&fp.pool, FAKE_BASE + 4 * BS, 2 * BS), COS_ETYPE);
	CHECK_EQ(kmem_user_ref(&fp.pool, FAKE_BASE, FAKE_N * BS), COS_ETYPE);
	CHECK(memcmp(before, fp.meta, sizeof before) == 0);

	/* The user blocks next to them are fine. */
	CHECK_EQ(kmem_user_ref(&fp.pool, FAKE_BASE, 3 * BS), COS_OK);
	CHECK_EQ(kmem_user_ref(&fp.pool, FAKE_BASE + 4 * BS, BS), COS_OK);
	CHECK_EQ(bcount(&fp.pool, 2), 1);
	CHECK_EQ(bcount(&fp.pool, 4), 1);
	CHECK_EQ(bcount(&fp.pool, 3), 0);
	kmem_user_unref(&fp.pool, FAKE_BASE, 3 * BS);
	kmem_user_unref(&fp.pool, FAKE_BASE + 4 * BS, BS);
	CHECK(memcmp(before, fp.meta, sizeof before) == 0);
}

static void test_user_ref_saturation(void)
{
	struct fake_pool fp;
	uint8_t before[FAKE_N];
	uint32_t i;
	int ok = 1;

	fake_open(&fp);
	/* Count a block from 0 up to KMEM_COUNT_MAX, then one more is refused. */
	for (i = 0; i < KMEM_COUNT_MAX; i++)
		if (kmem_user_ref(&fp.pool, FAKE_BASE + 2 * BS, 4) != COS_OK)
			ok = 0;
	CHECK(ok);
	CHECK_EQ(bcount(&fp.pool, 2), KMEM_COUNT_MAX);
	CHECK_EQ(btype(&fp.pool, 2), COS_KMEM_USER);   /* the count never spills into the type */
	CHECK_EQ(kmem_user_ref(&fp.pool, FAKE_BASE + 2 * BS, 4), COS_EBUSY);
	CHECK_EQ(bcount(&fp.pool, 2), KMEM_COUNT_MAX);
	CHECK_EQ(btype(&fp.pool, 2), COS_KMEM_USER);

	/* A range with the saturated block in it changes nothing. */
	memcpy(before, fp.meta, sizeof before);
	CHECK_EQ(kmem_user_ref(&fp.pool, FAKE_BASE + BS, 3 * BS), COS_EBUSY);   /* 1..3 */
	CHECK_EQ(kmem_user_ref(&fp.pool, FAKE_BASE, 3 * BS), COS_EBUSY);        /* last */
	CHECK_EQ(kmem_user_ref(&fp.pool, FAKE_BASE + 2 * BS, 2 * BS), COS_EBUSY); /* first */
	CHECK(memcmp(before, fp.meta, sizeof before) == 0);

	/* One unref makes room for one ref. */
	kmem_user_unref(&fp.pool, FAKE_BASE + 2 * BS + 8, 4);
	CHECK_EQ(bcount(&fp.pool, 2), KMEM_COUNT_MAX - 1);
	CHECK_EQ(kmem_user_ref(&fp.pool, FAKE_BASE + BS, 3 * BS), COS_OK);
	CHECK_EQ(bcount(&fp.pool, 1), 1);
	CHECK_EQ(bcount(&fp.pool, 2), KMEM_COUNT_MAX);
	CHECK_EQ(bcount(&fp.pool, 3), 1);
	CHECK_EQ(kmem_user_ref(&fp.pool, FAKE_BASE + BS, 3 * BS), COS_EBUSY);
	CHECK_EQ(bcount(&fp.pool, 1), 1);

	/* And back to zero. */
	kmem_user_unref(&fp.pool, FAKE_BASE + BS, 3 * BS);
	for (i = 0; i < KMEM_COUNT_MAX - 1; i++)
		kmem_user_unref(&fp.pool, FAKE_BASE + 2 * BS, 4);
	CHECK(fake_all_counts_zero(&fp));
	CHECK_EQ(btype(&fp.pool, 2), COS_KMEM_USER);
}

/* ---- kmem_in_pool / kmem_user_writable (fake pool) ---------------------- */

static void test_in_pool(void)
{
	struct fake_pool fp;

	fake_open(&fp);
	CHECK(kmem_in_pool(&fp.pool, FAKE_BASE, FAKE_N * BS));
	CHECK(kmem_in_pool(&fp.pool, FAKE_BASE, 1));
	CHECK(kmem_in_pool(&fp.pool, FAKE_END - 1, 1));
	CHECK(kmem_in_pool(&fp.pool, FAKE_BASE + 300, 700));
	CHECK(!kmem_in_pool(&fp.pool, FAKE_BASE, FAKE_N * BS + 1));
	CHECK(!kmem_in_pool(&fp.pool, FAKE_BASE - 1, 1));
	CHECK(!kmem_in_pool(&fp.pool, FAKE_BASE - 1, 2));
	CHECK(!kmem_in_pool(&fp.pool, FAKE_END - 1, 2));     /* straddles the end */
	CHECK(!kmem_in_pool(&fp.pool, FAKE_END, 1));
	CHECK(!kmem_in_pool(&fp.pool, FAKE_END, 0));
	CHECK(!kmem_in_pool(&fp.pool, FAKE_GUARD, 16));      /* kernel RAM below the pool */
	CHECK(!kmem_in_pool(&fp.pool, 0, 0xffffffffu));
	CHECK(!kmem_in_pool(&fp.pool, FAKE_BASE, 0xffffffffu));
	CHECK(!kmem_in_pool(&fp.pool, FAKE_BASE + 16, 0xfffffff0u)); /* end wraps to FAKE_BASE */
	CHECK(!kmem_in_pool(&fp.pool, 0xffffff00u, 0x200));  /* wrap-around */
	CHECK(!kmem_in_pool(&fp.pool, 0xffffffffu, 1));
	/* Block types do not matter here. */
	fp.meta[0] = META(COS_KMEM_KERNEL, 3);
	CHECK(kmem_in_pool(&fp.pool, FAKE_BASE, BS));
}

static void test_user_writable(void)
{
	struct fake_pool fp;

	fake_open(&fp);
	fp.meta[10] = META(COS_KMEM_UNTYPED, 0);
	fp.meta[11] = META(COS_KMEM_KERNEL, 1);

	/* Empty ranges are never writable. */
	CHECK(!kmem_user_writable(&fp.pool, FAKE_BASE, 0));

	/* Outside the pool: never, whatever is there (flash, devices, kernel RAM). */
	CHECK(!kmem_user_writable(&fp.pool, 0x08000000u, 0x1000));
	CHECK(!kmem_user_writable(&fp.pool, 0, 4));
	CHECK(!kmem_user_writable(&fp.pool, FAKE_END, 4));
	CHECK(!kmem_user_writable(&fp.pool, 0x40000000u, 0x400));
	CHECK(!kmem_user_writable(&fp.pool, FAKE_GUARD, 4));
	CHECK(!kmem_user_writable(&fp.pool, FAKE_BASE - 4, 4));
	CHECK(!kmem_user_writable(&fp.pool, FAKE_BASE - 4, 8));   /* kernel RAM into the pool */
	CHECK(!kmem_user_writable(&fp.pool, 0x10000000u, 0x20000000u)); /* spans everything */

	/* Inside the pool: only user-typed blocks, all of them. */
	CHECK(kmem_user_writable(&fp.pool, FAKE_BASE, 4));
	CHECK(kmem_user_writable(&fp.pool, FAKE_BASE, 10 * BS));
	CHECK(kmem_user_writable(&fp.pool, FAKE_BASE + 12 * BS, (FAKE_N - 12) * BS));
	CHECK(kmem_user_writable(&fp.pool, FAKE_END - 8, 8));
	CHECK(!kmem_user_writable(&fp.pool, FAKE_BASE + 10 * BS, 4));      /* untyped */
	CHECK(!kmem_user_writable(&fp.pool, FAKE_BASE + 11 * BS + 64, 4)); /* kernel */
	CHECK(!kmem_user_writable(&fp.pool, FAKE_BASE + 9 * BS, BS + 1));  /* user into untyped */
	CHECK(!kmem_user_writable(&fp.pool, FAKE_BASE, FAKE_N * BS));
	fp.meta[5] = META(COS_KMEM_USER, KMEM_COUNT_MAX);  /* a count does not matter */
	CHECK(kmem_user_writable(&fp.pool, FAKE_BASE + 5 * BS, BS));

	/* Straddling the pool's end. */
	CHECK(!kmem_user_writable(&fp.pool, FAKE_END - 4, 8));
	CHECK(!kmem_user_writable(&fp.pool, FAKE_BASE, FAKE_N * BS + 1));

	/* Wrap-around past 2^32. */
	CHECK(!kmem_user_writable(&fp.pool, 0xffffff00u, 0x200));
	CHECK(!kmem_user_writable(&fp.pool, 0xf0000000u, 0x30000100u));
	CHECK(!kmem_user_writable(&fp.pool, FAKE_END, 0xffffffffu));
	CHECK(!kmem_user_writable(&fp.pool, 0xffffffffu, 2));
	CHECK(!kmem_user_writable(&fp.pool, FAKE_BASE, 0xffffffffu));
}

int main(int argc, char **argv)
{
	(void)argc;
	test_init_info();
	test_retype_bad_type();
	test_retype_bad_range();
	test_retype_transitions();
	test_retype_busy_kernel();
	test_retype_busy_user_count();
	test_retype_busy_user_ref();
	test_retype_all_or_nothing();
	test_retype_zeroing();
	test_obj_alloc();
	test_obj_free();
	test_user_ref_range();
	test_user_ref_type();
	test_user_ref_saturation();
	test_in_pool();
	test_user_writable();
	return check_summary(argv[0]);
}
