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

static int op_cap_copy(uint32_t *f, uint32_t op)
{
	struct captbl *ct = kcur->comp->captbl;
	struct cap *src, *dst;

	(void)op;
	LOOKUP(f[4], COS_CAP_CAPTBL, COS_R_READ, &src);
	LOOKUP(f[1], COS_CAP_CAPTBL, COS_R_WRITE, &dst);
	return captbl_copy((struct captbl *)src->obj, f[0], (struct captbl *)dst->obj, f[2], f[3]);
}

static int op_cap_info(uint32_t *f, uint32_t op)
{
	struct captbl *ct = kcur->comp->captbl;
	struct cap *c;
	uint32_t type, rights;
	int err;

	(void)op;
	LOOKUP(f[4], COS_CAP_CAPTBL, COS_R_READ, &c);
	err = captbl_info((struct captbl *)c->obj, f[0], &type, &rights);
	if (err)
		return err;
	f[1] = rights;
	return (int)type;
}

static int op_retype(uint32_t *f, uint32_t op)
{
	struct captbl *ct = kcur->comp->captbl;
	struct cap *c;
	uintptr_t lo, len;

	(void)op;
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

static int op_kmem_info(uint32_t *f, uint32_t op)
{
	struct captbl *ct = kcur->comp->captbl;
	struct cap *c;
	uint32_t type, count;
	int err;

	(void)op;
	LOOKUP(f[4], COS_CAP_MEM, COS_R_READ, &c);
	if (c->kind != COS_MEM_POOL)
		return COS_ETYPE;
	err = kmem_info(&k.pool, f[0], &type, &count);
	if (err)
		return err;
	f[1] = count;
	return (int)type;
}

static int captbl_writable(struct captbl *ct, uint32_t idx, struct captbl **out)
{
	struct cap *c;

	LOOKUP(idx, COS_CAP_CAPTBL, COS_R_WRITE, &c);
	*out = (struct captbl *)c->obj;
	return COS_OK;
}

static int op_activate(uint32_t *f, uint32_t op)
{
	struct captbl *ct = kcur->comp->captbl;
	struct captbl *dst;
	struct cap *a, *b;
	int err;

	err = captbl_writable(ct, f[4], &dst);
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

static int op_memtbl(uint32_t *f, uint32_t op)
{
	struct captbl *ct = kcur->comp->captbl;
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

static int op_comp(uint32_t *f, uint32_t op)
{
	struct captbl *ct = kcur->comp->captbl;
	struct cap *c, *g;
	struct comp *cp;
	uint32_t size, i;
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
		/* One thread per stack: two threads in the server at once on one
		 * stack would overwrite each other's frames. */
		for (i = 0; f[1] != COS_NO_STACK && i < COS_MAX_TID; i++)
			if (i != f[0] && cp->stack_slot[i] == f[1])
				return COS_EBUSY;
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

static int op_dispatch(uint32_t *f, uint32_t op)
{
	struct captbl *ct = kcur->comp->captbl;
	struct cap *c;
	struct thread *t;
	uint32_t timeout = f[0];

	(void)op;
	LOOKUP(f[4], COS_CAP_THD, COS_R_DISPATCH, &c);
	t = (struct thread *)c->obj;

	if (timeout > ARCH_TIMEOUT_MAX || t == kcur)
		return COS_EINVAL;
	if (t->state != THD_RUNNABLE)
		return COS_ESTATE;
	kswitch(t);
	if (timeout && t != k.sched)
		arch_timeout_arm(timeout);
	else
		arch_timeout_disarm();
	return COS_OK;
}

static int op_thd(uint32_t *f, uint32_t op)
{
	struct captbl *ct = kcur->comp->captbl;
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

static int op_hw(uint32_t *f, uint32_t op)
{
	struct captbl *ct = kcur->comp->captbl;
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

static int op_console(uint32_t *f, uint32_t op)
{
	struct captbl *ct = kcur->comp->captbl;
	struct cap *c;
	uint32_t i;

	(void)op;
	LOOKUP(f[4], COS_CAP_HW, COS_R_READ, &c);
	for (i = 0; i < 16; i++) {
		char ch = (char)(f[i >> 2] >> ((i & 3u) * 8));

		if (!ch)
			break;
		board_console_putc(ch);
	}
	return COS_OK;
}

static int op_sched_event(uint32_t *f, uint32_t op)
{
	struct thread *t = k.ev_head;

	(void)op;
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

static int op_asnd(uint32_t *f, uint32_t op)
{
	struct captbl *ct = kcur->comp->captbl;
	struct cap *c;

	(void)op;
	LOOKUP(f[4], COS_CAP_ASND, 0, &c);
	ep_signal((struct endpoint *)c->obj);
	return COS_OK;
}

static int op_arcv(uint32_t *f, uint32_t op)
{
	struct captbl *ct = kcur->comp->captbl;
	struct cap *c;

	(void)op;
	LOOKUP(f[4], COS_CAP_ARCV, 0, &c);
	return ep_receive(kcur, (struct endpoint *)c->obj);
}

static int op_remove(uint32_t *f, uint32_t op)
{
	struct captbl *ct = kcur->comp->captbl;
	struct captbl *dst;
	int err = captbl_writable(ct, f[4], &dst);

	if (err)
		return err;
	return op == COS_OP_CAP_REMOVE ? captbl_remove(dst, f[0]) : deactivate(dst, f[0]);
}

static int op_halt(uint32_t *f, uint32_t op)
{
	struct captbl *ct = kcur->comp->captbl;
	struct cap *c;

	(void)op;
	LOOKUP(f[4], COS_CAP_HW, COS_R_SCHED, &c);
	board_halt((int)f[0]);
}

static int op_yield(uint32_t *f, uint32_t op)
{
	(void)op;
	(void)f;
	if (kcur != k.sched)
		kswitch_sched();
	return COS_OK;
}

/* svc #0 (musl's Linux system calls), and the call-gate operations, which
 * the assembly takes on fast paths before the table. */
static int op_none(uint32_t *f, uint32_t op)
{
	(void)op;
	(void)f;
	return COS_ENOSYS;
}

/* One handler per operation number; several share a handler by kind of object.
 * The assembly entry indexes it with the svc immediate (checked against
 * COS_OP_MAX) and stores the result in the caller's r0. */
const op_handler kop_table[COS_OP_MAX + 1] = {
	[COS_OP_NONE] = op_none,
	[COS_OP_SINV] = op_none,
	[COS_OP_SRET] = op_none,
	[COS_OP_ASND] = op_asnd,
	[COS_OP_ARCV] = op_arcv,
	[COS_OP_DISPATCH] = op_dispatch,
	[COS_OP_SCHED_EVENT] = op_sched_event,
	[COS_OP_RETYPE] = op_retype,
	[COS_OP_KMEM_INFO] = op_kmem_info,
	[COS_OP_CAP_INFO] = op_cap_info,
	[COS_OP_CAP_COPY] = op_cap_copy,
	[COS_OP_CAP_REMOVE] = op_remove,
	[COS_OP_DEACTIVATE] = op_remove,
	[COS_OP_ACT_CAPTBL] = op_activate,
	[COS_OP_ACT_MEMTBL] = op_activate,
	[COS_OP_ACT_COMP] = op_activate,
	[COS_OP_ACT_THD] = op_activate,
	[COS_OP_ACT_SINV] = op_activate,
	[COS_OP_ACT_ARCV] = op_activate,
	[COS_OP_ACT_ASND] = op_activate,
	[COS_OP_MEMTBL_MAP] = op_memtbl,
	[COS_OP_MEMTBL_UNMAP] = op_memtbl,
	[COS_OP_COMP_STACKS] = op_comp,
	[COS_OP_COMP_BIND] = op_comp,
	[COS_OP_COMP_FAULT] = op_comp,
	[COS_OP_THD_START] = op_thd,
	[COS_OP_THD_PRIO] = op_thd,
	[COS_OP_THD_SCHED] = op_thd,
	[COS_OP_HW_ATTACH] = op_hw,
	[COS_OP_HW_DETACH] = op_hw,
	[COS_OP_HW_HALT] = op_halt,
	[COS_OP_CONSOLE] = op_console,
	[COS_OP_YIELD] = op_yield,
};

void ksinv(uint32_t *f)
{
	inv_call(kcur, f);
}

int ksret(uint32_t *f)
{
	inv_return(kcur, f);
	return kprev != 0;
}

void ktimeout(void)
{
	arch_timeout_disarm();
	kevent(kcur, COS_EV_TIMEOUT);
	if (kcur != k.sched)
		kswitch(k.sched);
}
