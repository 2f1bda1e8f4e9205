/*
 * bench.c - the UART mux's transmit cost against the USART1 driver alone,
 * in instructions (TIM2 under -icount shift=0 counts one per instruction):
 *   uart_driver_write_<n>: uart_write(0, n), a client of the driver: the
 *     call, the copy into the driver's ring, the n data-register writes;
 *   uart_mux_write_<n>: console_write(0, n), a client of the mux: the call,
 *     the copy into the client's queue, the wakeup of the mux's thread (which
 *     runs at once: it is more urgent), the frame built and handed to the
 *     driver (the same driver path, n + 4 bytes), the mux's block, and the
 *     scheduler's return to the client;
 * per byte: the 64-byte figure divided by 64, and the marginal cost of a
 * byte (the 64-byte figure less the 8-byte one, over 56); the mux's cost
 * above the driver's as a fixed part per write and a part per byte.
 * Each is taken RUNS times; "(runs differ)" is printed when they are not equal.
 * Lines end with a newline, so the bytes sent end each line of the output.
 */
#include "cos_gen.h"
#include "board.h"
#include "../../../../interfaces/console/console.h"

#define TIM2 board_devices_base(BOARD_DEV_BENCH_TIMER)
#define CNT(t) (*(volatile uint32_t *)((t) + 0x24))
#define RUNS 4

static uint32_t overhead;

static uint32_t now(void)
{
	return CNT(TIM2);
}

static void fill(char *b, uint32_t n, char c)
{
	uint32_t i;

	for (i = 0; i + 1 < n; i++)
		b[i] = c;
	b[n - 1] = '\n';
}

static int same(const uint32_t *v)
{
	int i;

	for (i = 1; i < RUNS; i++)
		if (v[i] != v[0])
			return 0;
	return 1;
}

static void report(const char *name, uint32_t n, const uint32_t *v)
{
	cos_printf("BENCH %s_%u: %u instructions%s\n", name, n, v[RUNS - 1], same(v) ? "" : " (runs differ)");
}

int cos_main(uint32_t arg)
{
	volatile uint32_t *tim = (volatile uint32_t *)TIM2;
	static const uint32_t sizes[2] = { 8, 64 };
	uint32_t drv[2][RUNS], mux[2][RUNS], t0, t1, s, extra_byte;
	int i;

	(void)arg;
	*(volatile uint32_t *)(board_devices_base(BOARD_DEV_CLOCKS) + BOARD_CLOCKS_TIMER_ENR) |=
		BOARD_CLOCKS_BENCH_TIMER_EN;
	tim[0x28 / 4] = 0;           /* PSC */
	tim[0x2c / 4] = 0xffffffffu; /* ARR */
	tim[0] = 1;                  /* CEN */
	t0 = now();
	t1 = now();
	overhead = t1 - t0;
	/* One call of each path first: the first console_write also finds the
	 * mux's thread where it blocked at start (after its hello). */
	fill(COS_SHARED_uart, 64, 'd');
	fill(COS_SHARED_uart_mux, 64, 'm');
	uart_write(0, 64);
	console_write(0, 64);
	for (s = 0; s < 2; s++) {
		fill(COS_SHARED_uart, sizes[s], 'd');
		fill(COS_SHARED_uart_mux, sizes[s], 'm');
		for (i = 0; i < RUNS; i++) {
			t0 = now();
			uart_write(0, sizes[s]);
			t1 = now();
			drv[s][i] = t1 - t0 - overhead;
			t0 = now();
			console_write(0, sizes[s]);
			t1 = now();
			mux[s][i] = t1 - t0 - overhead;
		}
	}
	for (s = 0; s < 2; s++) {
		report("uart_driver_write", sizes[s], drv[s]);
		report("uart_mux_write", sizes[s], mux[s]);
	}
	/* Per byte: the whole call over 64 bytes, and the marginal cost of a byte (64 against 8). */
	cos_printf("BENCH uart_driver_per_byte: %u instructions\n", drv[1][RUNS - 1] / 64);
	cos_printf("BENCH uart_mux_per_byte: %u instructions\n", mux[1][RUNS - 1] / 64);
	cos_printf("BENCH uart_driver_marginal_byte: %u instructions\n", (drv[1][RUNS - 1] - drv[0][RUNS - 1]) / 56);
	cos_printf("BENCH uart_mux_marginal_byte: %u instructions\n", (mux[1][RUNS - 1] - mux[0][RUNS - 1]) / 56);
	/* The mux's cost above the driver's, as a + b * n: a per write, b per byte. */
	extra_byte = ((mux[1][RUNS - 1] - drv[1][RUNS - 1]) - (mux[0][RUNS - 1] - drv[0][RUNS - 1])) / 56;
	cos_printf("BENCH uart_mux_extra_per_byte: %u instructions\n", extra_byte);
	cos_printf("BENCH uart_mux_extra_per_write: %u instructions\n",
		   mux[0][RUNS - 1] - drv[0][RUNS - 1] - 8 * extra_byte);
	cos_printf("BENCH uart_mux_client_bytes: %u bytes\n", console_stat(CONSOLE_STAT_CLIENT_BYTES));
	cos_halt(COS_SLOT_HALT, 0);
	return 0;
}
