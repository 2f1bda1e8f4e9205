/*
 * ctl.c - checks and ends the uart_echo system.  Its thread wakes on TIM3
 * every 10 ms, reads its own console channel ("hold": wait up to 10 s for
 * "quit"; "quit": end 30 ms later; either may end with a newline) and ends the system at the deadline (300 ms after
 * boot without input), after printing the mux's drop counters on the
 * kernel's console (so that they are not in any client's stream).
 */
#include <string.h>
#include "cos_gen.h"
#include "../../../../interfaces/console/console.h"
#include "board.h"
#include "test.h"

#define TIM_CR1  0
#define TIM_DIER 3
#define TIM_SR   4
#define TIM_PSC  10
#define TIM_ARR  11
#define PERIOD 10000000u /* 10 ms: QEMU's timer counts at 1 GHz */
#define DEADLINE_TICKS 30u
#define HOLD_TICKS 1000u

int cos_main(uint32_t arg)
{
	volatile uint32_t *tim = (volatile uint32_t *)board_devices_base(BOARD_DEV_TEST_TIMER);
	const volatile char *buf = COS_SHARED_uart_mux;
	uint32_t ticks = 0, deadline = DEADLINE_TICKS, quit = 0;
	int32_t n;

	(void)arg;
	*(volatile uint32_t *)(board_devices_base(BOARD_DEV_CLOCKS) + BOARD_CLOCKS_TIMER_ENR) |=
		BOARD_CLOCKS_TEST_TIMER_EN;
	tim[TIM_CR1] = 0;
	tim[TIM_PSC] = 0;
	tim[TIM_SR] = 0;
	tim[TIM_DIER] = 1;
	tim[TIM_CR1] = 1;
	tim[TIM_ARR] = PERIOD;
	CHECK_EQ("uart_echo: the mux has four clients", console_stat(CONSOLE_STAT_NCLIENTS), 4);
	CHECK_EQ("uart_echo: ctl is client 3", console_stat(CONSOLE_STAT_CLIENT), 3);
	while (ticks < deadline && cos_arcv(COS_RCV_tick) > 0) {
		tim[TIM_SR] = 0;
		ticks++;
		while ((n = console_read(0, COS_SHARED_uart_mux_SIZE)) > 0) {
			if (n == 5 && buf[4] == '\n') /* typed in the host tool: a line */
				n = 4;
			if (n == 4 && !memcmp((const char *)buf, "hold", 4))
				deadline = ticks + HOLD_TICKS;
			else if (n == 4 && !memcmp((const char *)buf, "quit", 4) && !quit) {
				quit = 1; /* in 30 ms: echoes of what came before it get out first */
				deadline = ticks + 3;
			}
		}
	}
	tim[TIM_DIER] = 0;
	tim[TIM_CR1] = 0;
	CHECK("uart_echo: ended by the deadline or by a quit frame", quit || ticks >= deadline);
	cos_printf("uart_echo: mux dropped: %u unknown, %u bad, %u too long, %u stray\n",
		   console_stat(CONSOLE_STAT_UNKNOWN), console_stat(CONSOLE_STAT_BAD),
		   console_stat(CONSOLE_STAT_TOOLONG), console_stat(CONSOLE_STAT_STRAY));
	cos_printf("uart_echo: done\n");
	cos_halt(COS_SLOT_HALT, test_failures());
	return 0;
}
