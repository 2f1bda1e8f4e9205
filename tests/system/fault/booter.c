/*
 * booter.c - fault test: builds the eight components of fault.h, their
 * fault gates and stacks, and runs the threads.  Threads that should end
 * suspended (the three attackers and the loner) send no report.
 */
#include "booter.h"
#include "fault.h"

#define NCOMP 8
#define NTHDS 9
#define REPORTS 5          /* checker, victim, survivor, client, resumer */
#define TIMESLICE 2000000u /* cycles: bounds a thread that loops instead of faulting */

/* Booter gate for components: the scheduler events test_run saw for a tid. */
uint32_t fault_events(uint32_t tid)
{
	return tid < COS_MAX_TID ? test_events_seen[tid] : 0;
}
COS_SERVER_ENTRY(fault_events);
COS_DECLARE_ENTRY(fault_events);

/* A gate in the booter's own table naming export `export` of h, made the
 * fault gate of c (COS_OP_COMP_FAULT looks the gate up in the caller's table). */
static int fault_gate(struct boot_comp *c, struct boot_comp *h, uint32_t export)
{
	uint32_t g = boot_slot();
	int err = cos_op_act_sinv(COS_BOOT_CAPTBL, g, h->comp, boot_export(h, export), 0);

	return err ? err : cos_op_comp_fault(c->comp, g, 0, 0, 0);
}

static int events_gate(struct boot_comp *c)
{
	return cos_op_act_sinv(c->captbl, SLOT_EVENTS, COS_BOOT_COMP, COS_ENTRY_ADDR(fault_events), 0);
}

int cos_main(uint32_t first_kernel_block)
{
	struct boot_comp c[NCOMP];
	uint32_t thd[NTHDS], victim_entry;
	int i, n = 0, err = 0;

	boot_init(first_kernel_block);
	for (i = 0; i < NCOMP; i++)
		if (boot_comp_create(&c[i], (uint32_t)i, ID_OF(i)) || test_prepare(&c[i]))
			cos_halt(COS_BOOT_HW, 100);
	victim_entry = c[S_VICTIM].h->entry;

	/* Attacker: faults go to the handler's export 0, on stacks of their own there. */
	err |= fault_gate(&c[S_ATTACKER], &c[S_HANDLER], 0);
	err |= boot_bind(&c[S_HANDLER], T_READ);
	err |= boot_bind(&c[S_HANDLER], T_WRITE);
	err |= boot_bind(&c[S_HANDLER], T_JUMP);
	/* Resumer: its pager is the handler's export 1, which maps a page of its own
	 * RAM into the resumer's memory table (so it holds that table and the pool, R|W). */
	err |= fault_gate(&c[S_RESUMER], &c[S_HANDLER], 1);
	err |= boot_bind(&c[S_HANDLER], T_RESUMER);
	err |= boot_gate(&c[S_RESUMER], SLOT_PAGER, &c[S_HANDLER], 2, 0);
	err |= boot_give(&c[S_HANDLER], SLOT_POOL, COS_BOOT_POOL, COS_R_READ | COS_R_WRITE);
	err |= boot_give(&c[S_HANDLER], SLOT_RES_MT, c[S_RESUMER].memtbl, COS_R_WRITE);
	/* Client: server A has no fault gate; server B's faults go to the client's export 0. */
	err |= fault_gate(&c[S_GSERVER], &c[S_CLIENT], 0);
	err |= boot_bind(&c[S_CLIENT], T_CLIENT);
	err |= boot_bind(&c[S_SERVER], T_CLIENT);
	err |= boot_bind(&c[S_GSERVER], T_CLIENT);
	err |= boot_gate(&c[S_CLIENT], SLOT_A_LOAD, &c[S_SERVER], 0, 0);
	err |= boot_gate(&c[S_CLIENT], SLOT_A_ADD, &c[S_SERVER], 1, 0);
	err |= boot_gate(&c[S_CLIENT], SLOT_B_LOAD, &c[S_GSERVER], 0, 0);
	err |= boot_gate(&c[S_CLIENT], SLOT_B_ADD, &c[S_GSERVER], 1, 0);
	/* Victim and loner ask the booter which threads were reported faulted. */
	err |= events_gate(&c[S_VICTIM]);
	err |= events_gate(&c[S_LONER]);
	err |= test_prepare_thread(T_CHECKER);
	err |= test_prepare_thread(T_VICTIM);
	err |= test_prepare_thread(T_SURVIVOR);
	err |= test_prepare_thread(T_CLIENT);
	err |= test_prepare_thread(T_RESUMER);

	/* Dispatch order matters: the checker initialises the handler's memory and
	 * the victim its canary before any attack; the survivor comes last. */
	err |= boot_thd_create(&c[S_HANDLER], T_CHECKER, T_CHECKER, 10, victim_entry, &thd[n++]);
	err |= boot_thd_create(&c[S_VICTIM], T_VICTIM, T_VICTIM, 10, 0, &thd[n++]);
	err |= boot_thd_create(&c[S_ATTACKER], T_READ, T_READ, 10, ATTACK_READ, &thd[n++]);
	err |= boot_thd_create(&c[S_ATTACKER], T_WRITE, T_WRITE, 10, ATTACK_WRITE, &thd[n++]);
	err |= boot_thd_create(&c[S_ATTACKER], T_JUMP, T_JUMP, 10, victim_entry, &thd[n++]);
	err |= boot_thd_create(&c[S_LONER], T_LONER, T_LONER, 10, 0, &thd[n++]);
	err |= boot_thd_create(&c[S_CLIENT], T_CLIENT, T_CLIENT, 10, 0, &thd[n++]);
	err |= boot_thd_create(&c[S_RESUMER], T_RESUMER, T_RESUMER, 10, 0, &thd[n++]);
	err |= boot_thd_create(&c[S_LONER], T_SURVIVOR, T_SURVIVOR, 10, 1, &thd[n++]);
	if (err)
		cos_halt(COS_BOOT_HW, 101);
	test_run(thd, n, REPORTS, 60, TIMESLICE);
	return 0;
}
