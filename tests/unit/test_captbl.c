/*
 * test_captbl.c - capability tables: sizing, lookup, free slots, install,
 * copy, remove, info.
 *
 * Tables are allocated as whole pool blocks (calloc of nblocks *
 * KMEM_BLOCK_SIZE) and sized by captbl_init, as the kernel does, so that
 * AddressSanitizer catches a slot count that does not fit its blocks.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "captbl.h"
#include "kmem.h"
#include <cos/kabi.h>

static struct captbl *table_new(uint32_t nblocks)
{
	struct captbl *ct = calloc(nblocks, KMEM_BLOCK_SIZE);

	if (!ct) {
		CHECK(ct != NULL);
		abort();
	}
	captbl_init(ct, nblocks);
	return ct;
}

static int slot_is_clear(const struct cap *c)
{
	return c->type == COS_CAP_FREE && c->rights == 0 && c->kind == 0 && c->obj == NULL &&
	       c->w1 == 0 && c->w2 == 0;
}

/* Install through captbl_free_slot, as the kernel does. */
static struct cap *put(struct captbl *ct, uint32_t idx, uint32_t type, uint32_t rights,
		       struct kobj *obj, uint32_t w1, uint32_t w2, uint32_t kind)
{
	struct cap *s = NULL;

	CHECK_EQ(captbl_free_slot(ct, idx, &s), COS_OK);
	if (!s)
		abort();
	captbl_install(ct, s, type, rights, obj, w1, w2, kind);
	return s;
}

static void test_init_slots(void)
{
	uint32_t n;

	for (n = 1; n <= 32; n++) {
		uint32_t slots = captbl_slots_for(n);
		size_t bytes = (size_t)n * KMEM_BLOCK_SIZE;

		CHECK_EQ(slots, (bytes - sizeof(struct captbl)) / sizeof(struct cap));
		CHECK(sizeof(struct captbl) + slots * sizeof(struct cap) <= bytes);
		CHECK(sizeof(struct captbl) + (slots + 1) * sizeof(struct cap) > bytes);
	}
	CHECK(captbl_slots_for(1) >= 1);
	CHECK(captbl_slots_for(2) > captbl_slots_for(1));

	for (n = 1; n <= 4; n++) {
		struct captbl *ct = calloc(n, KMEM_BLOCK_SIZE);
		uint32_t i;
		int clear = 1;

		if (!ct)
			abort();
		ct->nused = 99;
		captbl_init(ct, n);
		CHECK_EQ(ct->hdr.type, COS_CAP_CAPTBL);
		CHECK_EQ(ct->hdr.nblocks, n);
		CHECK_EQ(ct->nslots, captbl_slots_for(n));
		CHECK_EQ(ct->nused, 0);
		for (i = 0; i < ct->nslots; i++)   /* every slot is inside the blocks */
			clear = clear && slot_is_clear(&ct->slot[i]);
		CHECK(clear);
		free(ct);
	}
}

static void test_lookup(void)
{
	struct captbl *ct = table_new(4);
	struct kobj thd = { .type = COS_CAP_THD };
	struct cap *sentinel = (struct cap *)&thd, *out = sentinel;
	struct cap *s;

	s = put(ct, 1, COS_CAP_THD, COS_R_DISPATCH | COS_R_SCHED, &thd, 0, 0, 0);

	/* Index out of range. */
	CHECK_EQ(captbl_lookup(ct, ct->nslots, COS_CAP_THD, 0, &out), COS_ECAP);
	CHECK_EQ(captbl_lookup(ct, ct->nslots + 1, COS_CAP_THD, 0, &out), COS_ECAP);
	CHECK_EQ(captbl_lookup(ct, 0xffffffffu, COS_CAP_THD, 0, &out), COS_ECAP);
	/* Empty slot, whatever type is asked for (FREE included). */
	CHECK_EQ(captbl_lookup(ct, 0, COS_CAP_THD, 0, &out), COS_ECAP);
	CHECK_EQ(captbl_lookup(ct, 0, COS_CAP_FREE, 0, &out), COS_ECAP);
	CHECK_EQ(captbl_lookup(ct, ct->nslots - 1, COS_CAP_THD, COS_R_ALL, &out), COS_ECAP);
	/* Wrong type, before rights. */
	CHECK_EQ(captbl_lookup(ct, 1, COS_CAP_COMP, 0, &out), COS_ETYPE);
	CHECK_EQ(captbl_lookup(ct, 1, COS_CAP_SINV, COS_R_ALL, &out), COS_ETYPE);
	CHECK_EQ(captbl_lookup(ct, 1, COS_CAP_FREE, 0, &out), COS_ETYPE);
	/* Missing rights: any one of those asked for. */
	CHECK_EQ(captbl_lookup(ct, 1, COS_CAP_THD, COS_R_WRITE, &out), COS_ERIGHTS);
	CHECK_EQ(captbl_lookup(ct, 1, COS_CAP_THD, COS_R_DISPATCH | COS_R_WRITE, &out), COS_ERIGHTS);
	CHECK_EQ(captbl_lookup(ct, 1, COS_CAP_THD, COS_R_ALL, &out), COS_ERIGHTS);
	CHECK_PTR_EQ(out, sentinel);

	/* Success: no rights, some, all it has. */
	CHECK_EQ(captbl_lookup(ct, 1, COS_CAP_THD, 0, &out), COS_OK);
	CHECK_PTR_EQ(out, s);
	out = sentinel;
	CHECK_EQ(captbl_lookup(ct, 1, COS_CAP_THD, COS_R_SCHED, &out), COS_OK);
	CHECK_PTR_EQ(out, s);
	out = sentinel;
	CHECK_EQ(captbl_lookup(ct, 1, COS_CAP_THD, COS_R_DISPATCH | COS_R_SCHED, &out), COS_OK);
	CHECK_PTR_EQ(out, &ct->slot[1]);
	CHECK_PTR_EQ(out->obj, &thd);

	/* The last slot works. */
	put(ct, ct->nslots - 1, COS_CAP_HW, COS_R_SCHED, NULL, 0, 32, 0);
	CHECK_EQ(captbl_lookup(ct, ct->nslots - 1, COS_CAP_HW, COS_R_SCHED, &out), COS_OK);
	CHECK_PTR_EQ(out, &ct->slot[ct->nslots - 1]);
	free(ct);
}

static void test_free_slot(void)
{
	struct captbl *ct = table_new(2);
	struct cap *sentinel = (struct cap *)ct, *out = sentinel;
	struct kobj o = { .type = COS_CAP_COMP };

	put(ct, 3, COS_CAP_COMP, COS_R_GATE, &o, 0, 0, 0);
	CHECK_EQ(captbl_free_slot(ct, ct->nslots, &out), COS_ECAP);
	CHECK_EQ(captbl_free_slot(ct, 0xffffffffu, &out), COS_ECAP);
	CHECK_EQ(captbl_free_slot(ct, 3, &out), COS_EEXIST);
	CHECK_PTR_EQ(out, sentinel);
	CHECK_EQ(captbl_free_slot(ct, 0, &out), COS_OK);
	CHECK_PTR_EQ(out, &ct->slot[0]);
	CHECK_EQ(captbl_free_slot(ct, ct->nslots - 1, &out), COS_OK);
	CHECK_PTR_EQ(out, &ct->slot[ct->nslots - 1]);
	free(ct);
}

static void test_install(void)
{
	struct captbl *ct = table_new(2);
	struct kobj o = { .type = COS_CAP_SINV, .refcnt = 3 };
	struct cap *s;

	s = put(ct, 0, COS_CAP_SINV, COS_R_ALL, &o, 0x08001235u, 0xcafef00du, 0);
	CHECK_EQ(s->type, COS_CAP_SINV);
	CHECK_EQ(s->rights, COS_R_ALL);
	CHECK_PTR_EQ(s->obj, &o);
	CHECK_EQ(s->w1, 0x08001235u);
	CHECK_EQ(s->w2, 0xcafef00du);
	CHECK_EQ(s->kind, 0);
	CHECK_EQ(o.refcnt, 4);
	CHECK_EQ(ct->nused, 1);

	/* MEM and HW caps have no object: nothing is counted but the slot. */
	s = put(ct, 2, COS_CAP_MEM, COS_R_READ | COS_R_EXEC, NULL, 0x08010000u, 0x10000u, COS_MEM_FLASH);
	CHECK_EQ(s->type, COS_CAP_MEM);
	CHECK_EQ(s->kind, COS_MEM_FLASH);
	CHECK_EQ(s->w1, 0x08010000u);
	CHECK_EQ(s->w2, 0x10000u);
	CHECK(s->obj == NULL);
	CHECK_EQ(ct->nused, 2);
	CHECK_EQ(o.refcnt, 4);

	put(ct, 1, COS_CAP_SINV, COS_R_READ, &o, 0, 0, 0);
	CHECK_EQ(o.refcnt, 5);
	CHECK_EQ(ct->nused, 3);
	free(ct);
}

static void test_copy(void)
{
	struct captbl *src = table_new(2), *dst = table_new(3);
	struct kobj comp = { .type = COS_CAP_COMP, .refcnt = 0 };
	struct kobj thd = { .type = COS_CAP_THD, .refcnt = 0 };
	static const uint32_t bad_rights[] = { 0x80, 0x100, COS_R_ALL | 0x80, 0x80000000u, 0xffffffffu };
	uint32_t before_used;
	size_t i;

	put(src, 0, COS_CAP_COMP, COS_R_READ, &comp, 11, 22, 0);
	put(src, 1, COS_CAP_THD, COS_R_WRITE | COS_R_DISPATCH | COS_R_SCHED, &thd, 0, 0, 0);
	put(src, 2, COS_CAP_MEM, COS_R_READ | COS_R_WRITE | COS_R_RETYPE, NULL, 0x20001000u, 0x2000u,
	    COS_MEM_POOL);
	CHECK_EQ(comp.refcnt, 1);

	/* Rights only shrink: COS_R_ALL on a READ cap gives READ. */
	CHECK_EQ(captbl_copy(src, 0, dst, 5, COS_R_ALL), COS_OK);
	CHECK_EQ(dst->slot[5].type, COS_CAP_COMP);
	CHECK_EQ(dst->slot[5].rights, COS_R_READ);
	CHECK_PTR_EQ(dst->slot[5].obj, &comp);
	CHECK_EQ(dst->slot[5].w1, 11);
	CHECK_EQ(dst->slot[5].w2, 22);
	CHECK_EQ(comp.refcnt, 2);
	CHECK_EQ(dst->nused, 1);
	CHECK_EQ(src->nused, 3);
	CHECK_EQ(src->slot[0].rights, COS_R_READ);   /* the source is unchanged */

	/* The intersection, and the empty set. */
	CHECK_EQ(captbl_copy(src, 1, dst, 6, COS_R_DISPATCH | COS_R_EXEC | COS_R_READ), COS_OK);
	CHECK_EQ(dst->slot[6].rights, COS_R_DISPATCH);
	CHECK_EQ(captbl_copy(src, 1, dst, 7, 0), COS_OK);
	CHECK_EQ(dst->slot[7].rights, 0);
	CHECK_EQ(dst->slot[7].type, COS_CAP_THD);
	CHECK_EQ(thd.refcnt, 3);
	/* A copy of a copy cannot regain what the copy lost. */
	CHECK_EQ(captbl_copy(dst, 6, src, 4, COS_R_ALL), COS_OK);
	CHECK_EQ(src->slot[4].rights, COS_R_DISPATCH);
	CHECK_EQ(thd.refcnt, 4);

	/* MEM caps (no object): kind and extent copied, rights shrunk. */
	CHECK_EQ(captbl_copy(src, 2, dst, 0, COS_R_READ | COS_R_EXEC), COS_OK);
	CHECK_EQ(dst->slot[0].type, COS_CAP_MEM);
	CHECK_EQ(dst->slot[0].kind, COS_MEM_POOL);
	CHECK_EQ(dst->slot[0].rights, COS_R_READ);
	CHECK_EQ(dst->slot[0].w1, 0x20001000u);
	CHECK_EQ(dst->slot[0].w2, 0x2000u);
	CHECK(dst->slot[0].obj == NULL);

	/* Within one table. */
	CHECK_EQ(captbl_copy(src, 2, src, 5, COS_R_ALL), COS_OK);
	CHECK_EQ(src->slot[5].rights, COS_R_READ | COS_R_WRITE | COS_R_RETYPE);

	/* Refusals change nothing. */
	before_used = dst->nused;
	for (i = 0; i < sizeof bad_rights / sizeof bad_rights[0]; i++)
		CHECK_EQ(captbl_copy(src, 0, dst, 1, bad_rights[i]), COS_EINVAL);
	CHECK_EQ(captbl_copy(src, 3, dst, 1, COS_R_ALL), COS_ECAP);            /* empty source */
	CHECK_EQ(captbl_copy(src, src->nslots, dst, 1, COS_R_ALL), COS_ECAP);  /* source out of range */
	CHECK_EQ(captbl_copy(src, 0xffffffffu, dst, 1, COS_R_ALL), COS_ECAP);
	CHECK_EQ(captbl_copy(src, 0, dst, 5, COS_R_ALL), COS_EEXIST);          /* occupied destination */
	CHECK_EQ(captbl_copy(src, 0, src, 0, COS_R_ALL), COS_EEXIST);          /* onto itself */
	CHECK_EQ(captbl_copy(src, 0, dst, dst->nslots, COS_R_ALL), COS_ECAP);  /* destination out of range */
	CHECK_EQ(dst->nused, before_used);
	CHECK(slot_is_clear(&dst->slot[1]));
	CHECK_EQ(comp.refcnt, 2);
	CHECK_EQ(dst->slot[5].rights, COS_R_READ);

	/* A copy of an owning capability is an owner too. */
	CHECK_EQ(captbl_copy(src, 0, dst, 1, COS_R_ALL), COS_OK);
	CHECK_EQ(comp.refcnt, 3);
	CHECK_EQ(comp.owners, 3);
	CHECK_EQ(dst->nused, before_used + 1);
	/* Caps without an object count nowhere. */
	CHECK_EQ(captbl_copy(src, 2, dst, 2, COS_R_ALL), COS_OK);
	free(src);
	free(dst);
}

static void test_remove(void)
{
	struct captbl *ct = table_new(3);
	struct kobj o = { .type = COS_CAP_ARCV, .refcnt = 0 };
	uint32_t used;

	put(ct, 0, COS_CAP_ARCV, COS_R_ALL, &o, 0, 0, 0);
	put(ct, 1, COS_CAP_MEM, COS_R_READ, NULL, 0x40000000u, 0x400u, COS_MEM_DEVICE);
	put(ct, 2, COS_CAP_HW, COS_R_WRITE | COS_R_SCHED, NULL, 0, 16, 0);
	CHECK_EQ(o.refcnt, 1);
	used = ct->nused;

	/* The last reference goes only through deactivation. */
	CHECK_EQ(captbl_remove(ct, 0), COS_EBUSY);
	CHECK_EQ(ct->slot[0].type, COS_CAP_ARCV);
	CHECK_PTR_EQ(ct->slot[0].obj, &o);
	CHECK_EQ(o.refcnt, 1);
	CHECK_EQ(ct->nused, used);

	/* With a second reference, either slot can go, then the other cannot. */
	CHECK_EQ(captbl_copy(ct, 0, ct, 5, COS_R_READ), COS_OK);
	CHECK_EQ(o.refcnt, 2);
	CHECK_EQ(ct->nused, used + 1);
	CHECK_EQ(captbl_remove(ct, 0), COS_OK);
	CHECK_EQ(o.refcnt, 1);
	CHECK_EQ(ct->nused, used);
	CHECK(slot_is_clear(&ct->slot[0]));
	CHECK_EQ(captbl_remove(ct, 5), COS_EBUSY);
	CHECK_EQ(ct->slot[5].type, COS_CAP_ARCV);

	/* A kernel reference (refcnt above owners) does not make the last owner removable. */
	o.refcnt = 3;
	CHECK_EQ(captbl_remove(ct, 5), COS_EBUSY);
	CHECK_EQ(o.refcnt, 3);
	CHECK_EQ(o.owners, 1);
	o.refcnt = 1;

	/* A gate or send end is not an owner: always removable, even when it is
	 * the object's only slot (its owner lives in another table). */
	put(ct, 6, COS_CAP_ASND, 0, &o, 0, 0, 0);
	CHECK_EQ(o.refcnt, 2);
	CHECK_EQ(o.owners, 1);
	CHECK_EQ(captbl_remove(ct, 6), COS_OK);
	CHECK_EQ(o.refcnt, 1);
	CHECK_EQ(o.owners, 1);

	/* MEM and HW caps have no object and are always removable. */
	CHECK_EQ(captbl_remove(ct, 1), COS_OK);
	CHECK(slot_is_clear(&ct->slot[1]));
	CHECK_EQ(captbl_remove(ct, 2), COS_OK);
	CHECK(slot_is_clear(&ct->slot[2]));
	CHECK_EQ(ct->nused, used - 2);

	/* Empty or out of range. */
	CHECK_EQ(captbl_remove(ct, 1), COS_ECAP);
	CHECK_EQ(captbl_remove(ct, 3), COS_ECAP);
	CHECK_EQ(captbl_remove(ct, ct->nslots), COS_ECAP);
	CHECK_EQ(captbl_remove(ct, 0xffffffffu), COS_ECAP);
	CHECK_EQ(ct->nused, used - 2);

	/* A removed slot is free again. */
	put(ct, 1, COS_CAP_HW, COS_R_SCHED, NULL, 0, 1, 0);
	CHECK_EQ(ct->nused, used - 1);

	/* captbl_clear: the slot of a destroyed object. */
	captbl_clear(ct, &ct->slot[5]);
	CHECK(slot_is_clear(&ct->slot[5]));
	CHECK_EQ(ct->nused, used - 2);
	free(ct);
}

static void test_info(void)
{
	struct captbl *ct = table_new(1);
	struct kobj o = { .type = COS_CAP_COMP };
	uint32_t type = 1234, rights = 5678;

	put(ct, 1, COS_CAP_COMP, COS_R_GATE | COS_R_WRITE, &o, 0, 0, 0);
	CHECK_EQ(captbl_info(ct, 1, &type, &rights), COS_OK);
	CHECK_EQ(type, COS_CAP_COMP);
	CHECK_EQ(rights, COS_R_GATE | COS_R_WRITE);
	CHECK_EQ(captbl_info(ct, 0, &type, &rights), COS_OK);
	CHECK_EQ(type, COS_CAP_FREE);
	CHECK_EQ(rights, 0);
	type = 1234;
	rights = 5678;
	CHECK_EQ(captbl_info(ct, ct->nslots, &type, &rights), COS_ECAP);
	CHECK_EQ(captbl_info(ct, 0xffffffffu, &type, &rights), COS_ECAP);
	CHECK_EQ(type, 1234);
	CHECK_EQ(rights, 5678);
	CHECK_EQ(captbl_info(ct, ct->nslots - 1, &type, &rights), COS_OK);
	CHECK_EQ(type, COS_CAP_FREE);
	free(ct);
}

int main(int argc, char **argv)
{
	(void)argc;
	test_init_slots();
	test_lookup();
	test_free_slot();
	test_install();
	test_copy();
	test_remove();
	test_info();
	return check_summary(argv[0]);
}
