/*
 * client.c - invokes two servers whose export 0 faults (it loads from this
 * component's RAM, which servers cannot reach).  Server A has no fault gate:
 * the kernel unwinds the invocation.  Server B's fault gate is this
 * component's export 0, which records the fault and declines it.  Either
 * way the client gets COS_EFAULT, and the server still serves export 1.
 */
#include "fault.h"

static struct {
	uint32_t cause, addr, comp, pc, tid, fcomp;
	volatile uint32_t n;
} rec;

/* Runs on the client's thread, while it is inside server B. */
uint32_t srv_fault(uint32_t cause, uint32_t addr, const uint32_t *regs, uint32_t comp)
{
	rec.cause = cause;
	rec.addr = addr;
	rec.comp = comp;
	rec.pc = regs[FR_PC];
	rec.tid = regs[FR_TID];
	rec.fcomp = regs[FR_COMP];
	rec.n++;
	cos_printf("client: server %u faulted at address %x pc %x\n", comp, addr, regs[FR_PC]);
	return 1; /* not COS_FAULT_RESUME: unwind to the client */
}
COS_SERVER_ENTRY(srv_fault);
COS_DECLARE_ENTRY(srv_fault);
COS_EXPORTS(COS_ENTRY_ADDR(srv_fault));

/* A word only this component can read. */
static volatile uint32_t secret = 0x5EC2E700u;

int cos_main(uint32_t arg)
{
	uint64_t r;
	uint32_t calls;

	(void)arg;
	test_init();
	/* Server A: no fault gate. */
	CHECK_EQ("server fault without gate: client gets COS_EFAULT",
		 cos_sinv(SLOT_A_LOAD, (uint32_t)&secret, 0, 0, 0), COS_EFAULT);
	r = cos_sinv2(SLOT_A_ADD, 20, 22, 0, 0);
	calls = (uint32_t)(r >> 32);
	CHECK_EQ("server fault without gate: then another function of the server works", (uint32_t)r, 42);
	CHECK_EQ("server fault without gate: a second fault is COS_EFAULT again",
		 cos_sinv(SLOT_A_LOAD, (uint32_t)&secret, 0, 0, 0), COS_EFAULT);
	r = cos_sinv2(SLOT_A_ADD, 1, 2, 0, 0);
	CHECK_EQ("server fault without gate: server works again after the second fault", (uint32_t)r, 3);
	CHECK_EQ("server fault without gate: server state kept across faults", (uint32_t)(r >> 32), calls + 1);

	/* Server B: its faults reach srv_fault above. */
	CHECK_EQ("server fault with gate: client gets COS_EFAULT",
		 cos_sinv(SLOT_B_LOAD, (uint32_t)&secret, 0, 0, 0), COS_EFAULT);
	CHECK_EQ("server fault with gate: the gate ran once", rec.n, 1);
	CHECK_EQ("server fault with gate: cause COS_FAULT_MEM", rec.cause, COS_FAULT_MEM);
	CHECK_EQ("server fault with gate: address is the word the server loaded", rec.addr, (uint32_t)&secret);
	CHECK("server fault with gate: pc is in the server's code", in_code_of(rec.pc, S_GSERVER));
	CHECK_EQ("server fault with gate: thread id is the client's", rec.tid, T_CLIENT);
	CHECK_EQ("server fault with gate: component id (r3) is the server's", rec.comp, ID_OF(S_GSERVER));
	CHECK_EQ("server fault with gate: component id (registers) is the server's", rec.fcomp, ID_OF(S_GSERVER));
	r = cos_sinv2(SLOT_B_ADD, 100, 23, 0, 0);
	CHECK_EQ("server fault with gate: then another function of the server works", (uint32_t)r, 123);
	CHECK_EQ("the secret is intact", secret, 0x5EC2E700u);
	test_done();
	return 0;
}
