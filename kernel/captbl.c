/* captbl.c - capability table operations other than the inline lookup. */
#include "captbl.h"
#include "kmem.h"

uint32_t captbl_slots_for(uint32_t nblocks)
{
	return (uint32_t)(((nblocks << KMEM_BLOCK_SHIFT) - sizeof(struct captbl)) / sizeof(struct cap));
}

void captbl_init(struct captbl *ct, uint32_t nblocks)
{
	ct->hdr.type = COS_CAP_CAPTBL;
	ct->hdr.nblocks = (uint8_t)nblocks;
	ct->nslots = captbl_slots_for(nblocks);
	ct->nused = 0;
}

int captbl_free_slot(struct captbl *ct, uint32_t idx, struct cap **out)
{
	if (idx >= ct->nslots)
		return COS_ECAP;
	if (ct->slot[idx].type != COS_CAP_FREE)
		return COS_EEXIST;
	*out = &ct->slot[idx];
	return COS_OK;
}

void captbl_install(struct captbl *ct, struct cap *slot, uint32_t type, uint32_t rights,
		    struct kobj *obj, uint32_t w1, uint32_t w2, uint32_t kind)
{
	slot->type = (uint8_t)type;
	slot->rights = (uint8_t)rights;
	slot->kind = (uint16_t)kind;
	slot->obj = obj;
	slot->w1 = w1;
	slot->w2 = w2;
	if (obj) {
		obj->refcnt++;
		if (obj->type == type)
			obj->owners++;
	}
	ct->nused++;
}

int captbl_copy(struct captbl *src, uint32_t src_idx, struct captbl *dst, uint32_t dst_idx,
		uint32_t rights)
{
	struct cap *from, *to;
	int err;

	if (src_idx >= src->nslots || src->slot[src_idx].type == COS_CAP_FREE)
		return COS_ECAP;
	from = &src->slot[src_idx];
	if ((rights & ~(uint32_t)COS_R_ALL) != 0)
		return COS_EINVAL;
	err = captbl_free_slot(dst, dst_idx, &to);
	if (err)
		return err;
	captbl_install(dst, to, from->type, from->rights & rights, from->obj, from->w1, from->w2,
		       from->kind);
	return COS_OK;
}

void captbl_clear(struct captbl *ct, struct cap *slot)
{
	slot->type = COS_CAP_FREE;
	slot->rights = 0;
	slot->kind = 0;
	slot->obj = 0;
	slot->w1 = 0;
	slot->w2 = 0;
	ct->nused--;
}

int captbl_remove(struct captbl *ct, uint32_t idx)
{
	struct cap *c;

	if (idx >= ct->nslots || ct->slot[idx].type == COS_CAP_FREE)
		return COS_ECAP;
	c = &ct->slot[idx];
	if (c->obj) {
		/* The last owner goes only through deactivation, so no object is orphaned. */
		if (c->obj->type == c->type) {
			if (c->obj->owners <= 1)
				return COS_EBUSY;
			c->obj->owners--;
		}
		c->obj->refcnt--;
	}
	captbl_clear(ct, c);
	return COS_OK;
}

int captbl_info(struct captbl *ct, uint32_t idx, uint32_t *type, uint32_t *rights)
{
	if (idx >= ct->nslots)
		return COS_ECAP;
	*type = ct->slot[idx].type;
	*rights = ct->slot[idx].rights;
	return COS_OK;
}
