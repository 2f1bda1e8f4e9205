/*
 * booter.c - the demo system: builds seven components through kernel
 * operations, wires their gates, endpoints, interrupt line and fault gate,
 * then schedules them round-robin (an idle component waits for interrupts).
 */
#include "booter.h"
#include "demo.h"

#define SELF COS_BOOT_CAPTBL
#define TIMESLICE 0xffffffu /* the longest slice: about 0.1 s at 168 MHz */
#define MAX_ROUNDS 5000u

enum { APP, CALC, LOGGER, TICKER, INTRUDER, GUARD, IDLE, NCOMP };
static const char *const names[NCOMP] = { "app", "calc", "logger", "ticker", "intruder", "guard", "idle" };

static void must(int err)
{
	if (err) {
		cos_printf("demo: setting up failed (%d)\n", err);
		cos_halt(COS_BOOT_HW, 100);
	}
}

int cos_main(uint32_t first_kernel_block)
{
	struct boot_comp c[NCOMP];
	uint32_t thd[8], ep_app, ep_tick, fault_gate;
	int i, n = 0;

	boot_init(first_kernel_block);
	ep_app = boot_slot();
	ep_tick = boot_slot();
	fault_gate = boot_slot();
	cos_printf("demo: building %d components\n", NCOMP);
	for (i = 0; i < NCOMP; i++) {
		must(boot_comp_create(&c[i], (uint32_t)i, (uint32_t)i + 1));
		must(test_prepare(&c[i]));
		cos_printf("demo:   component %d is %s\n", i + 1, names[i]);
	}
	/* The timer's clock is the booter's to give; the device goes to the ticker only. */
	must(boot_map_device(&boot_self, 3, BOARD_DEV_CLOCKS, COS_R_READ | COS_R_WRITE));
	*(volatile uint32_t *)(board_devices_base(BOARD_DEV_CLOCKS) + BOARD_CLOCKS_TIMER_ENR) |=
		BOARD_CLOCKS_TEST_TIMER_EN;
	must(boot_map_device(&c[TICKER], 2, BOARD_DEV_TEST_TIMER, COS_R_READ | COS_R_WRITE));

	cos_printf("demo: gates app -> calc -> logger; fault gate intruder -> guard\n");
	must(boot_gate(&c[APP], SLOT_CALC, &c[CALC], 0, 0));
	must(boot_gate(&c[CALC], SLOT_LOGGER, &c[LOGGER], 0, 0));
	must(cos_op_act_sinv(SELF, fault_gate, c[GUARD].comp, boot_export(&c[GUARD], 0), 0));
	must(cos_op_comp_fault(c[INTRUDER].comp, fault_gate, 0, 0, 0));

	/* Initialisers first, so servers are ready before anyone calls them. */
	must(boot_thd_create(&c[CALC], TID_CALC_INIT, TID_CALC_INIT, 10, 0, &thd[n++]));
	must(boot_thd_create(&c[LOGGER], TID_LOGGER_INIT, TID_LOGGER_INIT, 10, 0, &thd[n++]));
	must(boot_thd_create(&c[GUARD], TID_GUARD_INIT, TID_GUARD_INIT, 10, 0, &thd[n++]));
	must(boot_bind(&c[CALC], TID_APP));
	must(boot_bind(&c[LOGGER], TID_APP));
	must(boot_bind(&c[GUARD], TID_INTRUDER));
	for (i = TID_APP; i <= TID_TICKER; i++)
		must(test_prepare_thread((uint32_t)i));
	must(boot_thd_create(&c[APP], TID_APP, TID_APP, 20, TID_APP, &thd[n++]));
	must(boot_thd_create(&c[APP], TID_LISTENER, TID_LISTENER, 10, TID_LISTENER, &thd[n++]));
	must(boot_thd_create(&c[TICKER], TID_TICKER, TID_TICKER, 5, 0, &thd[n]));

	cos_printf("demo: the ticker's interrupt line sends to its endpoint; the ticker sends to the app\n");
	must(cos_op_act_arcv(SELF, boot_kmem(1), ep_tick, thd[n], 0));
	must(boot_give(&c[TICKER], SLOT_RCV, ep_tick, COS_R_ALL));
	must(cos_op_act_asnd(c[TICKER].captbl, SLOT_SELF_SND, ep_tick, 0, 0));
	must(boot_give(&c[TICKER], SLOT_HW, COS_BOOT_HW, COS_R_WRITE));
	must(cos_op_act_arcv(SELF, boot_kmem(1), ep_app, thd[n - 1], 0));
	must(boot_give(&c[APP], SLOT_RCV, ep_app, COS_R_ALL));
	must(cos_op_act_asnd(c[TICKER].captbl, SLOT_TO_APP, ep_app, 0, 0));
	n++;
	must(boot_thd_create(&c[INTRUDER], TID_INTRUDER, TID_INTRUDER, 20, 0, &thd[n++]));
	must(boot_thd_create(&c[IDLE], TID_IDLE, TID_IDLE, 30, 0, &thd[n++]));

	cos_printf("demo: running %d threads\n", n);
	test_run(thd, n, 3, MAX_ROUNDS, TIMESLICE);
	return 0;
}
