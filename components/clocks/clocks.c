/*
 * clocks.c - the clock service: owns RCC, the one device every driver needs
 * a bit of, and turns on a device's clock for whoever asks (interfaces/clock;
 * docs/clocks.md).  The gates are the board's (BOARD_CLOCKS in board.h).
 *
 * Policy: any client may turn on any listed clock.  A running clock gives no
 * access to its device (that is an MPU region the graph or the passthrough
 * manager grants), it only costs power; turning clocks off is not offered.
 */
#include <stdint.h>
#include "cos_gen.h"
#include "board.h"

int32_t clock_enable(uint32_t device)
{
	volatile uint32_t *rcc = (volatile uint32_t *)board_devices_base(BOARD_DEV_RCC);
	uint32_t enr, bit;

	switch (device) {
#define CLOCK_CASE(name, reg, b) case BOARD_DEV_##name: enr = (reg); bit = 1u << (b); break;
	BOARD_CLOCKS(CLOCK_CASE)
#undef CLOCK_CASE
	default:
		return COS_EINVAL;
	}
	rcc[enr / 4] |= bit;
	/* STM32F40x errata, "delay after an RCC peripheral clock enabling": read back */
	(void)rcc[enr / 4];
	return 0;
}
