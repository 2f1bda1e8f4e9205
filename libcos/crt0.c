/* crt0.c - component start: initialise data and bss, run cos_main, give up the CPU. */
#include <stdint.h>
#include <cos/cos.h>

extern uint32_t _data_start[], _data_end[], _data_lma[], _bss_start[], _bss_end[];
int cos_main(uint32_t arg);

void _start(uint32_t arg) __attribute__((noreturn, used));

/* RAM is zero when the booter hands it over (retyping zeroes it), so this
 * starts at 0: only the component's first thread initialises the data. */
static volatile uint32_t data_ready;

void _start(uint32_t arg)
{
	uint32_t *s = _data_lma, *d = _data_start;

	if (!data_ready) {
		while (d < _data_end)
			*d++ = *s++;
		for (d = _bss_start; d < _bss_end; d++)
			*d = 0;
		data_ready = 1;
	}
	cos_main(arg);
	cos_thd_exit();
}

void cos_thd_exit(void)
{
	for (;;)
		cos_yield();
}
