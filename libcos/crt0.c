/* crt0.c - component start: initialise data, bss and musl, run cos_main, give up the CPU. */
#include <stdint.h>
#include <cos/cos.h>
#include <cos/sched.h>
#include <cos/thread.h>

extern uint32_t _data_start[], _data_end[], _data_lma[], _bss_start[], _bss_end[];
int cos_main(uint32_t arg);

void _start(uint32_t arg) __attribute__((noreturn, used));

/* musl's start-up and end (libc.c).  Weak: they are there only when the
 * component links some of musl that needs them (docs/libc.md). */
void cos_libc_init(void) __attribute__((weak));
void cos_libc_flush(void) __attribute__((weak));

/* Thread pools (thread.c): weak, so that only components with one link it. */
int cos_pool_thread(uint32_t index) __attribute__((weak));
void cos_pool_run(uint32_t index) __attribute__((weak, noreturn));

/* Set by the graph compiler's cos_srv.c: the component's console and
 * scheduler gates, before any of its code runs on a thread. */
void cos_gen_init(void) __attribute__((weak));

/* A component's own initialisation, run once by the booter's initialiser
 * thread (arg COS_ARG_INIT) before any thread of the system runs. */
__attribute__((weak)) void cos_init(void)
{
}

/* A component with no thread of its own (a pure server) needs no cos_main. */
__attribute__((weak)) int cos_main(uint32_t arg)
{
	(void)arg;
	return 0;
}

/* RAM is zero when the booter hands it over (retyping zeroes it), so this
 * starts at 0: only the component's first thread initialises the data. */
static volatile uint32_t data_ready;

void _start(uint32_t arg)
{
	uint32_t i, data_words, bss_words;

	if (!data_ready) {
		/* Linker symbols are distinct objects to C: count words by address. */
		data_words = (uint32_t)((uintptr_t)_data_end - (uintptr_t)_data_start) / 4;
		bss_words = (uint32_t)((uintptr_t)_bss_end - (uintptr_t)_bss_start) / 4;
		for (i = 0; i < data_words; i++)
			_data_start[i] = _data_lma[i];
		for (i = 0; i < bss_words; i++)
			_bss_start[i] = 0;
		if (cos_libc_init)
			cos_libc_init(); /* musl: TLS (errno), stdio, locale */
		data_ready = 1;
	}
	if (cos_gen_init)
		cos_gen_init();
	if (arg == COS_ARG_INIT)
		cos_init();
	else if (cos_pool_thread && cos_pool_thread(arg))
		cos_pool_run(arg); /* a thread of the component's pool: never returns */
	else
		cos_main(arg);
	if (cos_libc_flush)
		cos_libc_flush();
	cos_thd_exit();
}

void cos_thd_exit(void)
{
	cos_sched_leave(); /* with a scheduler component: never dispatched again */
	for (;;)
		cos_yield();
}
