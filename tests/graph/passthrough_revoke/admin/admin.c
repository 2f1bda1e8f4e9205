/*
 * admin.c - ptadmin holds the passthrough manager's revocation gate: woken
 * by pt_second while it holds TIM3 (and runs once pt_second waits for TIM3's
 * interrupt: ptadmin is less urgent), it revokes it; it ends the test once
 * ptguard saw both drivers fault.
 */
#include <stdio.h>
#include "cos_gen.h"
#include "board.h"
#include "test.h"

#define PT_SECOND_ID 4 /* component ids follow the file: sched, ptmgr, pt_first, pt_second */

int cos_main(uint32_t arg)
{
	(void)arg;
	cos_sched_block(); /* until pt_second holds TIM3 */
	CHECK_EQ("ptadmin: pt_second holds TIM3", passthrough_ctl_holder(BOARD_DEV_TIM3), PT_SECOND_ID);
	CHECK_EQ("ptadmin: GPIOA is passed through to nobody: refused", passthrough_ctl_revoke(BOARD_DEV_GPIOA),
		 PASSTHROUGH_EREFUSED);
	CHECK_EQ("ptadmin: TIM3 is revoked", passthrough_ctl_revoke(BOARD_DEV_TIM3), COS_OK);
	CHECK_EQ("ptadmin: nobody holds TIM3 now", passthrough_ctl_holder(BOARD_DEV_TIM3), 0);
	CHECK_EQ("ptadmin: a second revocation is PASSTHROUGH_ENOTHELD", passthrough_ctl_revoke(BOARD_DEV_TIM3),
		 PASSTHROUGH_ENOTHELD);
	cos_sched_block(); /* until ptguard saw both drivers' faults */
	printf("passthrough_revoke: %d failures in ptadmin\n", test_failures());
	cos_halt(COS_SLOT_HALT, test_failures());
	return 0;
}
