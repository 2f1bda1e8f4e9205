/*
 * second.c - pt_second: its request for TIM3 is refused while pt_first holds
 * it; USART2 (memory only, no interrupt) is given and programmed as RM0090
 * (section 30) says; then TIM3, once pt_first released it.  While it waits
 * for TIM3's interrupt, ptadmin revokes TIM3: the revocation wakes it, the
 * manager says the device was revoked, and its next access to TIM3 faults
 * (ptguard checks it and ends the test).
 */
#include <stdio.h>
#include "cos_gen.h"
#include "board.h"
#include "test.h"
#include "../../passthrough_basic/tim3.h"

#define USART_SR  0  /* TXE: bit 7, TC: bit 6 */
#define USART_DR  1
#define USART_BRR 2
#define USART_CR1 3  /* UE: bit 13, TE: bit 3 */
#define USART_BRR_115200 0x16d /* 42 MHz APB1 / (16 * 115200) = 22.79: mantissa 22, fraction 13/16 */

static void use_usart2(void)
{
	volatile uint32_t *u = (volatile uint32_t *)board_devices_base(BOARD_DEV_USART2);
	const char *msg = "pt_second\r\n";
	uint32_t tries;

	CHECK_EQ("pt_second: USART2 (memory only) is given", passthrough_request(BOARD_DEV_USART2), COS_OK);
	u[USART_CR1] = 1u << 13;                  /* UE */
	u[USART_BRR] = USART_BRR_115200;
	u[USART_CR1] = (1u << 13) | (1u << 3);    /* UE, TE */
	CHECK_EQ("pt_second: USART2's BRR reads back", u[USART_BRR], USART_BRR_115200);
	for (; *msg; msg++) {
		for (tries = 0; tries < 100000 && !(u[USART_SR] & (1u << 7)); tries++)
			;
		u[USART_DR] = (uint8_t)*msg;
	}
	CHECK("pt_second: USART2 sent its bytes (TXE set again)", u[USART_SR] & (1u << 7));
	u[USART_CR1] = 0;
	CHECK_EQ("pt_second: USART2 is released", passthrough_release(BOARD_DEV_USART2), COS_OK);
}

int cos_main(uint32_t arg)
{
	volatile uint32_t *t = tim3();
	int32_t r = 0;
	uint32_t tries, woken = 0;

	(void)arg;
	cos_sched_block(); /* until pt_first holds TIM3 */
	CHECK_EQ("pt_second: TIM3 is refused while pt_first holds it", passthrough_request(BOARD_DEV_TIM3),
		 PASSTHROUGH_EBUSY);
	use_usart2();
	cos_sched_wakeup(COS_TID_pt_first_main);
	cos_sched_block(); /* until pt_first released TIM3 and faulted (ptguard wakes us) */
	for (tries = 0; tries < 100 && !(cos_sched_stat(COS_TID_pt_first_main, SCHED_STAT_STATE) & SCHED_ST_FAULTED);
	     tries++)
		cos_sched_yield(); /* ptguard is still on pt_first's thread: let it end */
	CHECK("pt_second: pt_first's thread ended with its fault, the rest goes on",
	      cos_sched_stat(COS_TID_pt_first_main, SCHED_STAT_STATE) & SCHED_ST_FAULTED);
	CHECK_EQ("pt_second: TIM3 is given after pt_first released it", passthrough_request(BOARD_DEV_TIM3),
		 COS_OK);
	tim3_start();
	CHECK_EQ("pt_second: two update interrupts of TIM3", tim3_wait(COS_PT_RCV_TIM3, 2, 100), 2);
	t[TIM_DIER] = 0; /* quiet: what wakes us next is the revocation */
	cos_sched_wakeup(COS_TID_ptadmin_main); /* less urgent: it runs once we wait */
	for (tries = 0; tries < 100; tries++) {
		r = passthrough_held(BOARD_DEV_TIM3);
		if (r != 1)
			break;
		woken += (uint32_t)cos_arcv(COS_PT_RCV_TIM3);
	}
	CHECK_EQ("pt_second: the manager says TIM3 was revoked", r, PASSTHROUGH_EREVOKED);
	CHECK("pt_second: the revocation woke it while it waited for TIM3's interrupt", woken >= 1);
	CHECK_EQ("pt_second: a release after the revocation is PASSTHROUGH_EREVOKED, once",
		 passthrough_release(BOARD_DEV_TIM3), PASSTHROUGH_EREVOKED);
	CHECK_EQ("pt_second: then PASSTHROUGH_ENOTHELD", passthrough_release(BOARD_DEV_TIM3), PASSTHROUGH_ENOTHELD);
	CHECK_EQ("pt_second: and not held", passthrough_held(BOARD_DEV_TIM3), 0);
	printf("pt_second: %d failures; now reading TIM3 after its revocation (must fault)\n", test_failures());
	printf("pt_second: read %x (must never print)\n", (unsigned)t[TIM_CNT]);
	return 0;
}
