/* syscall.c - decoding of capability invocations, and the other kernel entries. */
#include "syscall.h"
#include "activate.h"
#include "endpoint.h"
#include "inv.h"
#include "kprintf.h"

/* The capability of the running thread's component at idx, checked. */
#define LOOKUP(idx, type, rights, out) \
	do { \
		int lookup_err_ = captbl_lookup(ct, (idx), (type), (rights), (out)); \
		if (lookup_err_) \
			return lookup_err_; \
	} while (0)

static int op_cap_copy(struct captbl *ct, const uint32_t *f)
{
	struct cap *src, *dst;

	LOOKUP(f[4], COS_CAP_CAPTBL, COS_R_READ, &src);
	LOOKUP(f[1], COS_CAP_CAPTBL, COS_R_WRITE, &dst);
	return captbl_copy((struct captbl *)src->obj, f[0], (struct captbl *)dst->obj, f[2], f[3]);
}

static int op_cap_info(struct captbl *ct, uint32_t *f)
{
	struct cap *c;
	uint32_t type, rights;
	int err;

	LOOKUP(f[4], COS_CAP_CAPTBL, COS_R_READ, &c);
	err = captbl_info((struct captbl *)c->obj, f[0], &type, &rights);
	if (err)
		return err;
	f[1] = rights;
	return (int)type;
}

static int op_retype(struct captbl *ct, const uint32_t *f)
{
	struct cap *c;
	uintptr_t lo, len;

	LOOKUP(f[4], COS_CAP_MEM, COS_R_RETYPE, &c);
	if (c->kind != COS_MEM_POOL)
		return COS_ETYPE;
	if (f[0] >= k.pool.nblocks || f[1] == 0 || f[1] > k.pool.nblocks - f[0])
		return COS_EINVAL;
	lo = k.pool.base + ((uintptr_t)f[0] << KMEM_BLOCK_SHIFT);
	len = (uintptr_t)f[1] << KMEM_BLOCK_SHIFT;
	if (lo < c->w1 || lo - c->w1 + len > c->w2)
		return COS_ERANGE;
	return kmem_retype(&k.pool, f[0], f[1], f[2]);
}

static int op_kmem_info(struct captbl *ct, uint32_t *f)
{
	struct cap *c;
	uint32_t type, count;
	int err;

	LOOKUP(f[4], COS_CAP_MEM, COS_R_READ, &c);
	if (c->kind != COS_MEM_POOL)
		return COS_ETYPE;
	err = kmem_info(&k.pool, f[0], &type, &count);
	if (err)
		return err;
	f[1] = count;
	return (int)type;
}

static int op_captbl_write(struct captbl *ct, uint32_t idx, struct captbl **out)
{
	struct cap *c;

	LOOKUP(idx, COS_CAP_CAPTBL, COS_R_WRITE, &c);
	*out = (struct captbl *)c->obj;
	return COS_OK;
}

static int op_activate(struct captbl *ct, uint32_t op, const uint32_t *f)
{
	struct captbl *dst;
	struct cap *a, *b;
	int err;

	err = op_captbl_write(ct, f[4], &dst);
	if (err)
		return err;
	switch (op) {
	case COS_OP_ACT_CAPTBL:
		return act_captbl(ct, dst, f[0], f[1], f[2], 0);
	case COS_OP_ACT_MEMTBL:
		return act_memtbl(ct, dst, f[0], f[1], 0);
	case COS_OP_ACT_COMP:
		LOOKUP(f[2] & 0xffffu, COS_CAP_CAPTBL, COS_R_WRITE, &a);
		LOOKUP(f[2] >> 16, COS_CAP_MEMTBL, COS_R_WRITE, &b);
		return act_comp(ct, dst, f[0], f[1], (struct captbl *)a->obj, (struct memtbl *)b->obj, f[3], 0);
	case COS_OP_ACT_THD:
		LOOKUP(f[2] & 0xffffu, COS_CAP_COMP, COS_R_GATE, &a);
		return act_thd(ct, dst, f[0], f[1], (struct comp *)a->obj, f[2] >> 16, f[3], 0);
	case COS_OP_ACT_SINV:
		LOOKUP(f[1], COS_CAP_COMP, COS_R_GATE, &a);
		return act_sinv(dst, f[0], (struct comp *)a->obj, f[2], f[3]);
	case COS_OP_ACT_ARCV:
		LOOKUP(f[2], COS_CAP_THD, COS_R_WRITE, &a);
		return act_arcv(ct, dst, f[0], f[1], (struct thread *)a->obj);
	case COS_OP_ACT_ASND:
		LOOKUP(f[1], COS_CAP_ARCV, 0, &a);
		return act_asnd(dst, f[0], a);
	default:
		return COS_ENOSYS;
	}
}

/* Reload the MPU if the running component's own table changed. */
static void memtbl_changed(const struct memtbl *mt)
{
	if (kcur->comp->memtbl == mt)
		arch_mpu_load(mt);
}

static int op_memtbl(struct captbl *ct, uint32_t op, const uint32_t *f)
{
	struct cap *c, *mem;
	struct memtbl *mt;
	int err;

	LOOKUP(f[4], COS_CAP_MEMTBL, COS_R_WRITE, &c);
	mt = (struct memtbl *)c->obj;
	if (op == COS_OP_MEMTBL_UNMAP) {
		err = memtbl_unmap(mt, &k.pool, f[0]);
	} else {
		LOOKUP(f[0] & 0xffffu, COS_CAP_MEM, 0, &mem);
		err = memtbl_map(mt, &k.pool, mem, f[0] >> 16, f[1], f[2]);
	}
	if (!err)
		memtbl_changed(mt);
	return err;
}

static int op_comp(struct captbl *ct, uint32_t op, const uint32_t *f)
{
	struct cap *c, *g;
	struct comp *cp;
	uint32_t size;
	int err;

	LOOKUP(f[4], COS_CAP_COMP, COS_R_WRITE, &c);
	cp = (struct comp *)c->obj;
	switch (op) {
	case COS_OP_COMP_STACKS:
		if (cp->stack_count)
			return COS_EEXIST;
		if (f[1] < COS_STACK_MIN_LOG2 || f[1] > COS_STACK_MAX_LOG2 || f[2] == 0 ||
		    f[2] > COS_MAX_TID)
			return COS_EINVAL;
		if (f[0] & 7u)
			return COS_EALIGN;
		size = f[2] << f[1];
		err = kmem_user_ref(&k.pool, f[0], size);
		if (err)
			return err;
		cp->stack_base = f[0];
		cp->stack_log2 = (uint8_t)f[1];
		cp->stack_count = (uint8_t)f[2];
		return COS_OK;
	case COS_OP_COMP_BIND:
		if (!cp->stack_count)
			return COS_ESTATE;
		if (f[0] >= COS_MAX_TID || (f[1] >= cp->stack_count && f[1] != COS_NO_STACK))
			return COS_EINVAL;
		cp->stack_slot[f[0]] = (uint8_t)f[1];
		return COS_OK;
	default: /* COS_OP_COMP_FAULT */
		LOOKUP(f[0], COS_CAP_SINV, 0, &g);
		if (cp->fault_comp)
			cp->fault_comp->hdr.refcnt--;
		cp->fault_comp = (struct comp *)g->obj;
		cp->fault_comp->hdr.refcnt++;
		cp->fault_entry = g->w1;
		cp->fault_token = g->w2;
		return COS_OK;
	}
}

static int op_dispatch(struct captbl *ct, uint32_t *f)
{
	struct cap *c;
	struct thread *t;
	uint32_t timeout = f[0];

	LOOKUP(f[4], COS_CAP_THD, COS_R_DISPATCH, &c);
	t = (struct thread *)c->obj;

	if (timeout > ARCH_TIMEOUT_MAX || t == kcur)
		return COS_EINVAL;
	if (t->state != THD_RUNNABLE)
		return COS_ESTATE;
	kswitch(t);
	if (t != k.sched) {
		if (timeout)
			arch_timeout_arm(timeout);
		else
			arch_timeout_disarm();
	}
	return COS_OK;
}

static int op_thd(struct captbl *ct, uint32_t op, uint32_t *f)
{
	struct cap *c;
	struct thread *t;

	switch (op) {
	case COS_OP_THD_START:
		LOOKUP(f[4], COS_CAP_THD, COS_R_WRITE, &c);
		return thd_start((struct thread *)c->obj, f[0], f[1], f[2]);
	case COS_OP_THD_PRIO:
		LOOKUP(f[4], COS_CAP_THD, COS_R_SCHED, &c);
		((struct thread *)c->obj)->prio = f[0];
		return COS_OK;
	default: /* COS_OP_THD_SCHED */
		LOOKUP(f[4], COS_CAP_THD, COS_R_SCHED, &c);
		t = (struct thread *)c->obj;
		if (kcur != k.sched)
			return COS_EPERM;
		if (t->state != THD_RUNNABLE)
			return COS_ESTATE;
		k.sched->hdr.refcnt--;
		t->hdr.refcnt++;
		k.sched = t;
		return COS_OK;
	}
}

static int op_hw(struct captbl *ct, uint32_t op, const uint32_t *f)
{
	struct cap *c, *snd;
	struct endpoint *ep;
	uint32_t irq = f[0];

	LOOKUP(f[4], COS_CAP_HW, COS_R_WRITE, &c);
	if (irq >= BOARD_NIRQ)
		return COS_EINVAL;
	if (irq < c->w1 || irq - c->w1 >= c->w2)
		return COS_ERANGE;
	if (op == COS_OP_HW_DETACH) {
		ep = k.irq_ep[irq];
		if (!ep)
			return COS_ESTATE;
		arch_irq_disable(irq);
		k.irq_ep[irq] = 0;
		ep->irq = EP_NO_IRQ;
		ep->hdr.refcnt--;
		return COS_OK;
	}
	LOOKUP(f[1], COS_CAP_ASND, 0, &snd);
	ep = (struct endpoint *)snd->obj;
	if (k.irq_ep[irq] || ep->irq != EP_NO_IRQ)
		return COS_EBUSY;
	k.irq_ep[irq] = ep;
	ep->irq = (int32_t)irq;
	ep->hdr.refcnt++;
	arch_irq_enable(irq);
	return COS_OK;
}

static int op_console(struct captbl *ct, const uint32_t *f)
{
	struct cap *c;
	uint32_t i;
	char ch;

	LOOKUP(f[4], COS_CAP_HW, COS_R_READ, &c);
	for (i = 0; i < 16; i++) {
		ch = (char)(f[i >> 2] >> ((i & 3u) * 8));
		if (!ch)
			break;
		board_console_putc(ch);
	}
	return COS_OK;
}

static int op_sched_event(uint32_t *f)
{
	struct thread *t = k.ev_head;

	if (kcur != k.sched)
		return COS_EPERM;
	if (!t)
		return COS_EAGAIN;
	k.ev_head = t->ev_next;
	if (!k.ev_head)
		k.ev_tail = 0;
	f[1] = t->evflags;
	t->evflags = 0;
	return (int)t->id;
}

void ksinv(uint32_t *f)
{
	inv_call(kcur, f);
}

struct thread *ksret(uint32_t *f)
{
	struct thread *t = kcur;

	inv_return(t, f);
	return kcur != t ? t : 0;
}

struct thread *ksvc(uint32_t *f, uint32_t op)
{
	struct thread *t = kcur;
	struct captbl *ct = t->comp->captbl;
	struct cap *c;
	int r;

	switch (op) {
	case COS_OP_ASND:
		r = captbl_lookup(ct, f[4], COS_CAP_ASND, 0, &c);
		f[0] = (uint32_t)r; /* before a switch: the sender may not run again at once */
		if (!r)
			ep_signal((struct endpoint *)c->obj);
		return kcur != t ? t : 0;
	case COS_OP_ARCV:
		r = captbl_lookup(ct, f[4], COS_CAP_ARCV, 0, &c);
		if (!r)
			r = ep_receive(t, (struct endpoint *)c->obj);
		break;
	case COS_OP_DISPATCH:
		r = op_dispatch(ct, f);
		break;
	case COS_OP_SCHED_EVENT:
		r = op_sched_event(f);
		break;
	case COS_OP_RETYPE:
		r = op_retype(ct, f);
		break;
	case COS_OP_KMEM_INFO:
		r = op_kmem_info(ct, f);
		break;
	case COS_OP_CAP_INFO:
		r = op_cap_info(ct, f);
		break;
	case COS_OP_CAP_COPY:
		r = op_cap_copy(ct, f);
		break;
	case COS_OP_CAP_REMOVE:
	case COS_OP_DEACTIVATE: {
		struct captbl *dst;
		r = op_captbl_write(ct, f[4], &dst);
		if (!r)
			r = op == COS_OP_CAP_REMOVE ? captbl_remove(dst, f[0]) : deactivate(dst, f[0]);
		break;
	}
	case COS_OP_ACT_CAPTBL:
	case COS_OP_ACT_MEMTBL:
	case COS_OP_ACT_COMP:
	case COS_OP_ACT_THD:
	case COS_OP_ACT_SINV:
	case COS_OP_ACT_ARCV:
	case COS_OP_ACT_ASND:
		r = op_activate(ct, op, f);
		break;
	case COS_OP_MEMTBL_MAP:
	case COS_OP_MEMTBL_UNMAP:
		r = op_memtbl(ct, op, f);
		break;
	case COS_OP_COMP_STACKS:
	case COS_OP_COMP_BIND:
	case COS_OP_COMP_FAULT:
		r = op_comp(ct, op, f);
		break;
	case COS_OP_THD_START:
	case COS_OP_THD_PRIO:
	case COS_OP_THD_SCHED:
		r = op_thd(ct, op, f);
		break;
	case COS_OP_HW_ATTACH:
	case COS_OP_HW_DETACH:
		r = op_hw(ct, op, f);
		break;
	case COS_OP_HW_HALT:
		r = captbl_lookup(ct, f[4], COS_CAP_HW, COS_R_SCHED, &c);
		if (!r)
			board_halt((int)f[0]);
		break;
	case COS_OP_CONSOLE:
		r = op_console(ct, f);
		break;
	case COS_OP_YIELD:
		r = COS_OK;
		if (t != k.sched)
			kswitch(k.sched);
		break;
	default: /* including COS_OP_NONE, musl's svc 0 */
		r = COS_ENOSYS;
		break;
	}
	f[0] = (uint32_t)r;
	return kcur != t ? t : 0;
}

struct thread *ktimeout(void)
{
	struct thread *t = kcur;

	arch_timeout_disarm();
	kevent(t, COS_EV_TIMEOUT);
	if (t != k.sched)
		kswitch(k.sched);
	return kcur != t ? t : 0;
}
