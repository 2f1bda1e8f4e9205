/*
 * resumer.c - reads a page it does not have; its pager (the handler's
 * export 1) maps the page and answers COS_FAULT_RESUME, so the same load
 * runs again and reads what the pager put there.  r4-r11 hold known values
 * across the fault: resuming must give the context back as it was.
 */
#include "fault.h"

static uint32_t query(uint32_t what)
{
	return (uint32_t)cos_sinv(SLOT_PAGER, what, 0, 0, 0);
}

/* out[0]: the word loaded from addr (0 before the load); out[1..8]: r4-r11 after it. */
static void probe(uint32_t addr, uint32_t *out)
{
	register uint32_t a __asm("r1") = addr;
	register uint32_t *o __asm("r2") = out;

	__asm volatile("push {r4-r11}\n\t"
		       "movw r4, #4\n\tmovt r4, #0xc0de\n\t"
		       "movw r5, #5\n\tmovt r5, #0xc0de\n\t"
		       "movw r6, #6\n\tmovt r6, #0xc0de\n\t"
		       "movw r7, #7\n\tmovt r7, #0xc0de\n\t"
		       "movw r8, #8\n\tmovt r8, #0xc0de\n\t"
		       "movw r9, #9\n\tmovt r9, #0xc0de\n\t"
		       "movw r10, #10\n\tmovt r10, #0xc0de\n\t"
		       "movw r11, #11\n\tmovt r11, #0xc0de\n\t"
		       "movs r0, #0\n\t"
		       "ldr r0, [r1]\n\t" /* faults the first time */
		       "stmia r2, {r0, r4-r11}\n\t"
		       "pop {r4-r11}"
		       : : "r"(a), "r"(o) : "r0", "memory");
}

int cos_main(uint32_t arg)
{
	uint32_t out[9], page, i, regs_ok = 1, after_ok = 1;

	(void)arg;
	test_init();
	page = query(Q_PAGE);
	CHECK_EQ("resume: no fault before the access", query(Q_COUNT), 0);
	probe(page, out);
	CHECK_EQ("resume: the retried load read what the pager mapped", out[0], PAGE_MAGIC);
	for (i = 0; i < 8; i++)
		after_ok &= out[1 + i] == R4_VALUE + i;
	CHECK("resume: r4-r11 are as before the fault", after_ok);
	CHECK_EQ("resume: the pager ran exactly once", query(Q_COUNT), 1);
	CHECK_EQ("resume: the pager's map succeeded", query(Q_MAPERR), 0);
	CHECK_EQ("resume: cause COS_FAULT_MEM", query(Q_CAUSE), COS_FAULT_MEM);
	CHECK_EQ("resume: fault address is the page", query(Q_ADDR), page);
	CHECK_EQ("resume: r1 delivered to the pager is the address register", query(Q_REGS + FR_R1), page);
	CHECK("resume: pc delivered is in the resumer's code", in_code_of(query(Q_REGS + FR_PC), S_RESUMER));
	for (i = 0; i < 8; i++)
		regs_ok &= query(Q_REGS + FR_R4 + i) == R4_VALUE + i;
	CHECK("resume: r4-r11 delivered to the pager", regs_ok);
	CHECK_EQ("resume: thread id delivered", query(Q_REGS + FR_TID), T_RESUMER);
	CHECK_EQ("resume: component id delivered", query(Q_COMP), ID_OF(S_RESUMER));
	/* The page stays mapped: a write now needs no fault and the pager sees it. */
	((volatile uint32_t *)page)[1] = PAGE_ACK;
	CHECK_EQ("resume: the mapped page is shared with the pager", query(Q_WORD1), PAGE_ACK);
	CHECK_EQ("resume: no further fault", query(Q_COUNT), 1);
	test_done();
	return 0;
}
