/*
 * console_stdout.c - standard output through the UART mux: musl's stdout and
 * stderr, puts, write(1, ...) and cos_printf of a component go to its console
 * channel instead of the kernel's debug console (docs/uart.md, section 5).
 *
 * A client lists it in its sources and depends on the mux and the scheduler:
 *     sources = ["components/uart_mux/client/console_stdout.c"]
 *     depends = [ { interface = "console", server = "uart_mux" }, { interface = "sched", server = "sched" } ]
 *     shared  = [ { with = "uart_mux", size = 64 } ]
 * It replaces libcos' weak cos_stdout_write (docs/libc.md).  Bytes are copied
 * into the buffer shared with the mux, in pieces of its size, and handed to
 * console_write.  When the client's queue in the mux is full, it waits with
 * cos_sched_yield() and tries again; after STDOUT_TRIES tries without progress
 * it gives up with -EIO (musl then marks stdout in error and drops the rest).
 * So it never waits without a bound, but a waiting thread lets only threads of
 * its own priority and more urgent ones run (docs/uart.md, section 5).
 * Not for cos_init (which may not call other components).
 */
#include <errno.h>
#include <stddef.h>
#include "cos_gen.h"

#ifndef COS_SHARED_uart_mux
_Static_assert(0, "console_stdout.c: the component needs a buffer shared with the mux, named 'uart_mux' (docs/uart.md)");
#endif

#define STDOUT_TRIES 100000u

long cos_stdout_write(const char *s, size_t n)
{
	volatile uint8_t *buf = COS_SHARED_uart_mux;
	size_t done = 0, k, i;
	uint32_t stuck = 0;
	int32_t r;

	while (done < n) {
		k = n - done < COS_SHARED_uart_mux_SIZE ? n - done : COS_SHARED_uart_mux_SIZE;
		for (i = 0; i < k; i++)
			buf[i] = (uint8_t)s[done + i];
		r = console_write(0, (uint32_t)k);
		if (r > 0) {
			done += (size_t)r;
			stuck = 0;
			if ((size_t)r == k)
				continue;
		} else if (r < 0 && r != COS_EBUSY) {
			return -EIO;
		}
		if (++stuck > STDOUT_TRIES)
			return -EIO;
		cos_sched_yield();
	}
	return (long)n;
}
