/*
 * handler.c - fault gates, and the thread that checks what they received.
 *
 * Export 0 (the attacker's fault gate) records each fault by thread and
 * declines it, so the kernel suspends the attacker.  Export 1 (the
 * resumer's fault gate) is a pager: on the first fault at its page it maps
 * the page into the resumer's memory table and answers COS_FAULT_RESUME;
 * anything else it declines, so a resume that does not work ends in a
 * suspended resumer (a missing report) instead of a fault loop.  Export 2
 * answers the resumer's questions about that fault.
 *
 * The gates run on the faulting threads; this component's memory is set up
 * by the checker thread (crt0), which the booter dispatches first.
 */
#include "fault.h"

struct record {
	uint32_t cause, addr, comp;
	uint32_t regs[FR_WORDS];
	volatile uint32_t n; /* written last: the checker waits on it */
};

static struct record attack[3]; /* by thread: T_READ, T_WRITE, T_JUMP */
static struct record pager;
static volatile uint32_t unexpected;
static int32_t map_err = 1;
/* The page the resumer faults on: 32 bytes, the smallest MPU region. */
static volatile uint32_t page[8] __attribute__((aligned(32)));

static void record(struct record *r, uint32_t cause, uint32_t addr, const uint32_t *regs, uint32_t comp)
{
	int i;

	r->cause = cause;
	r->addr = addr;
	r->comp = comp;
	for (i = 0; i < FR_WORDS; i++)
		r->regs[i] = regs[i];
	r->n++;
}

uint32_t attack_fault(uint32_t cause, uint32_t addr, const uint32_t *regs, uint32_t comp)
{
	uint32_t tid = regs[FR_TID];

	test_init();
	cos_printf("handler: fault cause %u address %x pc %x thread %u component %u\n", cause, addr,
		   regs[FR_PC], tid, comp);
	if (tid >= T_READ && tid <= T_JUMP)
		record(&attack[tid - T_READ], cause, addr, regs, comp);
	else
		unexpected++;
	return 1; /* not COS_FAULT_RESUME: the default action */
}
COS_SERVER_ENTRY(attack_fault);
COS_DECLARE_ENTRY(attack_fault);

uint32_t pager_fault(uint32_t cause, uint32_t addr, const uint32_t *regs, uint32_t comp)
{
	test_init();
	cos_printf("pager: fault cause %u address %x pc %x thread %u component %u\n", cause, addr,
		   regs[FR_PC], regs[FR_TID], comp);
	record(&pager, cause, addr, regs, comp);
	if (pager.n != 1 || cause != COS_FAULT_MEM || addr != (uint32_t)page)
		return 1;
	page[0] = PAGE_MAGIC;
	map_err = cos_memtbl_map(SLOT_RES_MT, SLOT_POOL, PAGER_REGION, (uint32_t)page,
				 COS_REGION_ATTR(5, 0, COS_R_READ | COS_R_WRITE));
	return map_err ? 1 : COS_FAULT_RESUME;
}
COS_SERVER_ENTRY(pager_fault);
COS_DECLARE_ENTRY(pager_fault);

uint32_t pager_query(uint32_t what)
{
	switch (what) {
	case Q_PAGE:
		return (uint32_t)page;
	case Q_COUNT:
		return pager.n;
	case Q_CAUSE:
		return pager.cause;
	case Q_ADDR:
		return pager.addr;
	case Q_COMP:
		return pager.comp;
	case Q_MAPERR:
		return (uint32_t)map_err;
	case Q_WORD1:
		return page[1];
	default:
		return what - Q_REGS < FR_WORDS ? pager.regs[what - Q_REGS] : 0xffffffffu;
	}
}
COS_SERVER_ENTRY(pager_query);
COS_DECLARE_ENTRY(pager_query);

COS_EXPORTS(COS_ENTRY_ADDR(attack_fault), COS_ENTRY_ADDR(pager_fault), COS_ENTRY_ADDR(pager_query));

/* The checker thread: arg is the victim's entry point, the jump's target. */
int cos_main(uint32_t victim_entry)
{
	const struct record *rd = &attack[0], *wr = &attack[1], *jp = &attack[2];
	uint32_t target = victim_entry & ~1u;
	int tries;

	test_init();
	for (tries = 0; tries < 40 && !(rd->n && wr->n && jp->n); tries++)
		cos_yield();
	/* A few more rounds, so that a fault delivered twice would be seen. */
	for (tries = 0; tries < 3; tries++)
		cos_yield();

	CHECK_EQ("read: the fault gate ran exactly once", rd->n, 1);
	CHECK_EQ("read: cause COS_FAULT_MEM", rd->cause, COS_FAULT_MEM);
	CHECK_EQ("read: fault address is the victim word read", rd->addr, VICTIM_CANARY + 4);
	CHECK("read: faulting pc is in the attacker's code", in_code_of(rd->regs[FR_PC], S_ATTACKER));
	CHECK_EQ("read: thread id in the delivered registers", rd->regs[FR_TID], T_READ);
	CHECK_EQ("read: component id in the registers", rd->regs[FR_COMP], ID_OF(S_ATTACKER));
	CHECK_EQ("read: component id in r3", rd->comp, ID_OF(S_ATTACKER));

	CHECK_EQ("write: the fault gate ran exactly once", wr->n, 1);
	CHECK_EQ("write: cause COS_FAULT_MEM", wr->cause, COS_FAULT_MEM);
	CHECK_EQ("write: fault address is the victim word written", wr->addr, VICTIM_CANARY);
	CHECK("write: faulting pc is in the attacker's code", in_code_of(wr->regs[FR_PC], S_ATTACKER));
	CHECK_EQ("write: thread id in the delivered registers", wr->regs[FR_TID], T_WRITE);
	CHECK_EQ("write: component id in r3", wr->comp, ID_OF(S_ATTACKER));

	CHECK_EQ("jump: the fault gate ran exactly once", jp->n, 1);
	CHECK_EQ("jump: cause COS_FAULT_MEM", jp->cause, COS_FAULT_MEM);
	CHECK("jump: the target is in the victim's code", in_code_of(target, S_VICTIM));
	CHECK_EQ("jump: fault address is the jump target", jp->addr, target);
	CHECK_EQ("jump: faulting pc is the jump target", jp->regs[FR_PC], target);
	CHECK("jump: lr is the return address in the attacker's code", in_code_of(jp->regs[FR_LR], S_ATTACKER));
	CHECK_EQ("jump: thread id in the delivered registers", jp->regs[FR_TID], T_JUMP);
	CHECK_EQ("jump: component id in r3", jp->comp, ID_OF(S_ATTACKER));

	CHECK_EQ("no other thread's fault reached the attacker's gate", unexpected, 0);
	test_done();
	return 0;
}
