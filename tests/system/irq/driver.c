/*
 * driver.c - a user-level timer driver: TIM3's update interrupt (line 29)
 * reaches it as sends on its endpoint.  It checks the refusals of attach,
 * takes three interrupts through arcv (UIF set at each), then checks that
 * the line stays masked between a delivery and the next arcv.
 *
 * QEMU 7.2's model of the timer (not the chip): it counts at 1 GHz whatever
 * the clock tree says; a PSC write re-bases the count, so PSC stays 0; an
 * ARR write arms the update one ARR period ahead, and an update re-arms
 * itself every period while CR1.CEN and DIER.UIE are set (and fires only
 * then); CNT never wraps at ARR.  So the driver stops the timer (CR1 = 0)
 * to handle an update and restarts it with an ARR write, then CR1.CEN.  If
 * it handles an update more than a period late (a loaded host), the repeat
 * has already fired into the masked line and wakes the next arcv with UIF
 * clear: only such a wakeup is excused, and only after a measured late one.
 */
#include "test.h"
#include "irq.h"

#define REG(a) (*(volatile uint32_t *)(a))
#define TIM3 ((uint32_t)board_devices_base(BOARD_DEV_TEST_TIMER))
#define IRQ_TIM3 ((uint32_t)board_devices_irq(BOARD_DEV_TEST_TIMER))
#define PERIOD 10000000u /* ns under QEMU; ARR keeps 32 bits there (16 on the chip) */
/* Polls of SR before giving up: ~3 s of CPU, while one period takes ~300000.
 * Not bounded by CNT: under host load QEMU runs the timer's callbacks late,
 * while CNT (read from the virtual clock) keeps going. */
#define SPIN_MAX 100000000u

static void timer_start(void)
{
	REG(TIM_ARR(TIM3)) = PERIOD; /* arms the update, replacing a stale repeat */
	REG(TIM_CR1(TIM3)) = TIM_CR1_CEN;
}

static void timer_stop(void)
{
	REG(TIM_CR1(TIM3)) = 0;
}

/* Spin until UIF is set, or SPIN_MAX polls. */
static int wait_uif(void)
{
	uint32_t i;

	for (i = 0; i < SPIN_MAX; i++)
		if (REG(TIM_SR(TIM3)) & TIM_SR_UIF)
			return 1;
	return 0;
}

static void check_attach_refusals(void)
{
	CHECK_EQ("irq: attach through a HW cap without COS_R_WRITE: COS_ERIGHTS",
		 cos_hw_attach(SLOT_HW_RO, IRQ_TIM3, SLOT_SND), COS_ERIGHTS);
	CHECK_EQ("irq: attach line BOARD_NIRQ (one past the last): COS_EINVAL",
		 cos_hw_attach(SLOT_HW, BOARD_NIRQ, SLOT_SND), COS_EINVAL);
	CHECK_EQ("irq: attach to a receive capability: COS_ETYPE",
		 cos_hw_attach(SLOT_HW, IRQ_TIM3, SLOT_RCV), COS_ETYPE);
}

int cos_main(uint32_t arg)
{
	uint32_t start, waited, uif, got = 0, bad = 0, late = 0, tries;
	int32_t r;

	(void)arg;
	test_init();
	check_attach_refusals();
	CHECK_EQ("irq: attach TIM3's line to the driver's endpoint", cos_hw_attach(SLOT_HW, IRQ_TIM3, SLOT_SND),
		 COS_OK);
	CHECK_EQ("irq: attach the same line again (another endpoint): COS_EBUSY",
		 cos_hw_attach(SLOT_HW, IRQ_TIM3, SLOT_SND2), COS_EBUSY);
	CHECK_EQ("irq: attach the same line again (same endpoint): COS_EBUSY",
		 cos_hw_attach(SLOT_HW, IRQ_TIM3, SLOT_SND), COS_EBUSY);

	/* RM0090: clock on, then PSC, ARR, DIER.UIE, CR1.CEN. */
	REG(RCC_APB1ENR) |= RCC_TIM3EN;
	REG(TIM_CR1(TIM3)) = 0;
	REG(TIM_PSC(TIM3)) = 0;
	REG(TIM_SR(TIM3)) = 0;
	REG(TIM_DIER(TIM3)) = TIM_DIER_UIE;
	for (tries = 0; got < 3 && tries < 6; tries++) {
		start = REG(TIM_CNT(TIM3));
		timer_start();
		r = cos_arcv(SLOT_RCV); /* blocks until the update interrupt */
		timer_stop();
		waited = REG(TIM_CNT(TIM3)) - start;
		uif = REG(TIM_SR(TIM3)) & TIM_SR_UIF;
		REG(TIM_SR(TIM3)) = ~TIM_SR_UIF; /* rc_w0: clear UIF only */
		cos_printf("irq: wakeup %u: arcv %d, UIF %u, after %u ns\n", tries + 1, r, uif, waited);
		if (r == 1 && uif && waited >= PERIOD / 2)
			got++;
		else if (!late)
			bad++;
		/* The repeat comes at least two periods after start. */
		late = waited >= PERIOD + PERIOD / 2;
	}
	CHECK_EQ("irq: three interrupts, each one send returned by arcv, a period after the start, UIF set",
		 got, 3);
	CHECK_EQ("irq: no wakeup without an update (but QEMU's repeat after a late one)", bad, 0);

	/* Since the last delivery the line is masked: two updates must not be two sends. */
	timer_start();
	CHECK("irq: an update while the line is masked sets UIF", wait_uif());
	REG(TIM_SR(TIM3)) = ~TIM_SR_UIF;
	CHECK("irq: another update while the line is still masked", wait_uif());
	timer_stop();
	CHECK_EQ("irq: the masked line delivered nothing until arcv, then once", cos_arcv(SLOT_RCV), 1);
	CHECK("irq: ... with UIF still set", REG(TIM_SR(TIM3)) & TIM_SR_UIF);
	REG(TIM_SR(TIM3)) = ~TIM_SR_UIF;

	CHECK_EQ("irq: detach the line", cos_op_hw_detach(SLOT_HW, IRQ_TIM3, 0, 0, 0), COS_OK);
	CHECK_EQ("irq: detach it again: COS_ESTATE", cos_op_hw_detach(SLOT_HW, IRQ_TIM3, 0, 0, 0), COS_ESTATE);
	CHECK_EQ("irq: a detached line can be attached to another endpoint",
		 cos_hw_attach(SLOT_HW, IRQ_TIM3, SLOT_SND2), COS_OK);
	cos_op_hw_detach(SLOT_HW, IRQ_TIM3, 0, 0, 0);
	REG(TIM_DIER(TIM3)) = 0;
	REG(TIM_SR(TIM3)) = 0;
	test_done();
	cos_asnd(SLOT_DONE);
	return 0;
}
