/*
 * captbl.h - capability tables.
 *
 * Contract: a table is an array of fixed-size slots in kernel memory.  A slot
 * holds a type, rights, and what the kernel's paths need without a further
 * lookup: the object, and for call-gates the entry and token.  Every lookup
 * checks the index range, the type and the rights, in that order, and says
 * which failed.  Copies can only drop rights.  A slot's object reference is
 * counted in the object's header (kobj.h), as an owner when the slot has the
 * object's own type.
 */
#ifndef CAPTBL_H
#define CAPTBL_H

#include <stdint.h>
#include "kobj.h"
#include <cos/kabi.h>

struct cap {
	uint8_t type;    /* COS_CAP_* */
	uint8_t rights;  /* COS_R_* */
	uint16_t kind;   /* MEM: COS_MEM_*; otherwise 0 */
	struct kobj *obj; /* the object, or NULL for MEM and HW */
	uint32_t w1;     /* SINV: entry pc.  MEM: base.  HW: first irq */
	uint32_t w2;     /* SINV: token.     MEM: size.  HW: number of irqs */
};

struct captbl {
	struct kobj hdr;
	uint32_t nslots;
	uint32_t nused;  /* occupied slots, so an empty table can be destroyed */
	struct cap slot[];
};

/* Slots that fit in a table made of `nblocks` pool blocks. */
uint32_t captbl_slots_for(uint32_t nblocks);
void captbl_init(struct captbl *ct, uint32_t nblocks);

/* The slot at idx if it is in range and of `type` with all of `rights`. */
static inline int captbl_lookup(struct captbl *ct, uint32_t idx, uint32_t type,
				uint32_t rights, struct cap **out)
{
	struct cap *c;

	if (idx >= ct->nslots)
		return COS_ECAP;
	c = &ct->slot[idx];
	if (c->type == COS_CAP_FREE)
		return COS_ECAP;
	if (c->type != type)
		return COS_ETYPE;
	if ((c->rights & rights) != rights)
		return COS_ERIGHTS;
	*out = c;
	return COS_OK;
}

/* A free slot at idx, for an activation or a copy. */
int captbl_free_slot(struct captbl *ct, uint32_t idx, struct cap **out);

/* Fill a free slot (from captbl_free_slot), taking a reference on obj. */
void captbl_install(struct captbl *ct, struct cap *slot, uint32_t type, uint32_t rights,
		    struct kobj *obj, uint32_t w1, uint32_t w2, uint32_t kind);

/* Copy slot src_idx of src into dst_idx of dst with rights & `rights`. */
int captbl_copy(struct captbl *src, uint32_t src_idx, struct captbl *dst, uint32_t dst_idx,
		uint32_t rights);

/* Clear a slot, unless it is its object's last owner (COS_EBUSY). */
int captbl_remove(struct captbl *ct, uint32_t idx);

/* Clear a slot whose object the caller has just destroyed. */
void captbl_clear(struct captbl *ct, struct cap *slot);

/* Type and rights of a slot (COS_CAP_FREE for an empty one). */
int captbl_info(struct captbl *ct, uint32_t idx, uint32_t *type, uint32_t *rights);

#endif
