/* activate.c - object creation and destruction. */
#include "activate.h"
#include "endpoint.h"
#include "switch.h"
#include "inv.h"

/* Resolve a COS_KMEM argument to nblocks of free kernel memory, without taking it. */
static int kmem_check(struct captbl *ct, uint32_t kmem, uint32_t nblocks, uint32_t *block)
{
	struct cap *pool;
	uint32_t b = kmem >> 16, type, count, i;
	uintptr_t addr;
	int err;

	err = captbl_lookup(ct, kmem & 0xffffu, COS_CAP_MEM, COS_R_RETYPE, &pool);
	if (err)
		return err;
	if (pool->kind != COS_MEM_POOL)
		return COS_ETYPE;
	if (b >= k.pool.nblocks || nblocks > k.pool.nblocks - b)
		return COS_EINVAL;
	addr = k.pool.base + ((uintptr_t)b << KMEM_BLOCK_SHIFT);
	if (addr < pool->w1 || addr - pool->w1 + ((uintptr_t)nblocks << KMEM_BLOCK_SHIFT) > pool->w2)
		return COS_ERANGE;
	for (i = b; i < b + nblocks; i++) {
		kmem_info(&k.pool, i, &type, &count);
		if (type != COS_KMEM_KERNEL)
			return COS_ENOMEM;
		if (count)
			return COS_EBUSY;
	}
	*block = b;
	return COS_OK;
}

/* Shared first steps: a free slot and free kernel memory, then take the memory. */
static int obj_new(struct captbl *auth, struct captbl *ct, uint32_t kmem, uint32_t slot, uint32_t nblocks,
		   uint32_t type, struct cap **s, void **obj)
{
	uint32_t block;
	int err;

	err = captbl_free_slot(ct, slot, s);
	if (err)
		return err;
	err = kmem_check(auth, kmem, nblocks, &block);
	if (err)
		return err;
	err = kmem_obj_alloc(&k.pool, block, nblocks, obj);
	if (err)
		return err;
	((struct kobj *)*obj)->type = (uint8_t)type;
	((struct kobj *)*obj)->nblocks = (uint8_t)nblocks;
	((struct kobj *)*obj)->refcnt = 0; /* the slot's reference is added on install */
	((struct kobj *)*obj)->owners = 0;
	return COS_OK;
}

int act_captbl(struct captbl *auth, struct captbl *ct, uint32_t kmem, uint32_t slot, uint32_t nblocks, struct captbl **out)
{
	struct captbl *n;
	struct cap *s;
	int err;

	if (nblocks == 0 || nblocks > CAPTBL_MAX_BLOCKS)
		return COS_EINVAL;
	err = obj_new(auth, ct, kmem, slot, nblocks, COS_CAP_CAPTBL, &s, (void **)&n);
	if (err)
		return err;
	captbl_init(n, nblocks);
	captbl_install(ct, s, COS_CAP_CAPTBL, COS_R_ALL, &n->hdr, 0, 0, 0);
	if (out)
		*out = n;
	return COS_OK;
}

int act_memtbl(struct captbl *auth, struct captbl *ct, uint32_t kmem, uint32_t slot, struct memtbl **out)
{
	struct memtbl *n;
	struct cap *s;
	int err;

	err = obj_new(auth, ct, kmem, slot, KOBJ_BLOCKS(struct memtbl), COS_CAP_MEMTBL, &s, (void **)&n);
	if (err)
		return err;
	memtbl_init(n);
	captbl_install(ct, s, COS_CAP_MEMTBL, COS_R_ALL, &n->hdr, 0, 0, 0);
	if (out)
		*out = n;
	return COS_OK;
}

int act_comp(struct captbl *auth, struct captbl *ct, uint32_t kmem, uint32_t slot, struct captbl *cct, struct memtbl *cmt,
	     uint32_t id, struct comp **out)
{
	struct comp *n;
	struct cap *s;
	uint32_t i;
	int err;

	err = obj_new(auth, ct, kmem, slot, KOBJ_BLOCKS(struct comp), COS_CAP_COMP, &s, (void **)&n);
	if (err)
		return err;
	n->captbl = cct;
	n->memtbl = cmt;
	cct->hdr.refcnt++;
	cmt->hdr.refcnt++;
	n->id = id;
	for (i = 0; i < COS_MAX_TID; i++)
		n->stack_slot[i] = COS_NO_STACK;
	captbl_install(ct, s, COS_CAP_COMP, COS_R_ALL, &n->hdr, 0, 0, 0);
	if (out)
		*out = n;
	return COS_OK;
}

int act_thd(struct captbl *auth, struct captbl *ct, uint32_t kmem, uint32_t slot, struct comp *home, uint32_t tid,
	    uint32_t id, struct thread **out)
{
	struct thread *n;
	struct cap *s;
	int err;

	if (tid >= COS_MAX_TID || (id & 0x80000000u))
		return COS_EINVAL;
	if (k.tid_used & (1u << tid))
		return COS_EEXIST;
	err = obj_new(auth, ct, kmem, slot, KOBJ_BLOCKS(struct thread), COS_CAP_THD, &s, (void **)&n);
	if (err)
		return err;
	k.tid_used |= 1u << tid;
	n->state = THD_NEW;
	n->tid = (uint8_t)tid;
	n->id = id;
	n->prio = 0xffffffffu; /* least urgent until a scheduler says otherwise */
	n->comp = home;
	n->home = home;
	home->hdr.refcnt++;
	captbl_install(ct, s, COS_CAP_THD, COS_R_ALL, &n->hdr, 0, 0, 0);
	if (out)
		*out = n;
	return COS_OK;
}

int act_arcv(struct captbl *auth, struct captbl *ct, uint32_t kmem, uint32_t slot, struct thread *t)
{
	struct endpoint *n;
	struct cap *s;
	int err;

	err = obj_new(auth, ct, kmem, slot, KOBJ_BLOCKS(struct endpoint), COS_CAP_ARCV, &s, (void **)&n);
	if (err)
		return err;
	n->thd = t;
	n->irq = EP_NO_IRQ;
	t->hdr.refcnt++;
	captbl_install(ct, s, COS_CAP_ARCV, COS_R_ALL, &n->hdr, 0, 0, 0);
	return COS_OK;
}

int act_sinv(struct captbl *ct, uint32_t slot, struct comp *srv, uint32_t entry, uint32_t token)
{
	struct cap *s;
	int err;

	err = captbl_free_slot(ct, slot, &s);
	if (err)
		return err;
	captbl_install(ct, s, COS_CAP_SINV, COS_R_ALL, &srv->hdr, entry & ~1u, token, 0);
	return COS_OK;
}

int act_asnd(struct captbl *ct, uint32_t slot, struct cap *arcv)
{
	struct cap *s;
	int err;

	err = captbl_free_slot(ct, slot, &s);
	if (err)
		return err;
	captbl_install(ct, s, COS_CAP_ASND, COS_R_ALL, arcv->obj, 0, 0, 0);
	return COS_OK;
}

int thd_start(struct thread *t, uint32_t pc, uint32_t sp, uint32_t arg)
{
	const uint32_t frame_bytes = ARCH_FRAME_WORDS * 4;
	uint32_t args[4] = { arg, 0, 0, 0 };

	if (t->state != THD_NEW)
		return COS_ESTATE;
	if ((sp & 7u) != 0 || sp < frame_bytes)
		return COS_EALIGN;
	if (!kuser_writable(sp - frame_bytes, frame_bytes))
		return COS_ERANGE;
	t->psp = arch_frame_push(sp, args, 0, pc & ~1u);
	t->state = THD_RUNNABLE;
	return COS_OK;
}

static void ev_remove(struct thread *t)
{
	struct thread **pp = &k.ev_head, *prev = 0;

	if (!t->evflags)
		return;
	while (*pp && *pp != t) {
		prev = *pp;
		pp = &(*pp)->ev_next;
	}
	if (*pp) {
		*pp = t->ev_next;
		if (k.ev_tail == t)
			k.ev_tail = prev;
	}
	t->evflags = 0;
}

/* Type-specific checks and release of what the object holds. */
static int destroy(struct kobj *o)
{
	switch (o->type) {
	case COS_CAP_CAPTBL:
		if (((struct captbl *)o)->nused != 0)
			return COS_EBUSY;
		return COS_OK;
	case COS_CAP_MEMTBL:
		memtbl_clear((struct memtbl *)o, &k.pool);
		return COS_OK;
	case COS_CAP_COMP: {
		struct comp *c = (struct comp *)o;
		c->captbl->hdr.refcnt--;
		c->memtbl->hdr.refcnt--;
		if (c->fault_comp)
			c->fault_comp->hdr.refcnt--;
		if (c->stack_count)
			kmem_user_unref(&k.pool, c->stack_base, (uint32_t)c->stack_count << c->stack_log2);
		return COS_OK;
	}
	case COS_CAP_THD: {
		struct thread *t = (struct thread *)o;
		if (t == kcur || t->depth != 0)
			return COS_ESTATE;
		ev_remove(t);
		k.tid_used &= ~(1u << t->tid);
		t->home->hdr.refcnt--;
		return COS_OK;
	}
	case COS_CAP_ARCV: {
		struct endpoint *ep = (struct endpoint *)o;
		if (ep->thd->blocked_on == ep)
			return COS_ESTATE;
		ep->thd->hdr.refcnt--;
		return COS_OK;
	}
	default:
		return COS_ETYPE;
	}
}

int deactivate(struct captbl *ct, uint32_t slot)
{
	struct cap *c;
	struct kobj *o;
	int err;

	if (slot >= ct->nslots || ct->slot[slot].type == COS_CAP_FREE)
		return COS_ECAP;
	c = &ct->slot[slot];
	o = c->obj;
	/* Gates, send ends, memory and hardware capabilities are the slot itself. */
	if (c->type == COS_CAP_SINV || c->type == COS_CAP_ASND || !o)
		return captbl_remove(ct, slot);
	if (o->refcnt != 1)
		return COS_EBUSY;
	err = destroy(o);
	if (err)
		return err;
	captbl_clear(ct, c);
	kmem_obj_free(&k.pool, o, o->nblocks);
	return COS_OK;
}
