/*
 * beta.c - musl in a component that is also a server: the common checks; its
 * own cos_stdout_write (counting, then the console) shows where standard
 * output can be redirected and that stdout is line buffered; its gate runs
 * strtol for alpha's migrating thread on a 512-byte server stack.
 */
#include "libc_test.h"

static volatile uint32_t ready; /* bss: zero until this component's first thread runs */
static uint32_t out_bytes;

/* Standard output of this component: counted, then to the console. */
long cos_stdout_write(const char *s, size_t n)
{
	out_bytes += (uint32_t)n;
	return cos_console_write(s, n);
}

/* Strings in flash: the gate may run before data is initialised. */
static const char *const inputs[] = { "12345", "99999999999", "-0x10" };

uint64_t beta_fn(uint32_t op, uint32_t i, uint32_t a2, uint32_t a3)
{
	long v;

	(void)a2;
	(void)a3;
	if (op == LIBC_OP_READY)
		return ready;
	if (op != LIBC_OP_PARSE || !ready || i >= sizeof(inputs) / sizeof(inputs[0]))
		return (uint32_t)COS_EINVAL;
	errno = 0;
	v = strtol(inputs[i], NULL, 0);
	return ((uint64_t)(uint32_t)errno << 32) | (uint32_t)v;
}
COS_SERVER_ENTRY(beta_fn);
COS_DECLARE_ENTRY(beta_fn);
COS_EXPORTS(COS_ENTRY_ADDR(beta_fn));

int cos_main(uint32_t arg)
{
	static const char line[] = "libc beta: write(1)\n";
	uint32_t before, held, flushed, written;
	long n;

	(void)arg;
	ready = 1;
	test_init();
	stack_paint();
	libc_checks("beta");

	/* stdout: through cos_stdout_write, a line at a time */
	before = out_bytes;
	printf("libc beta: line buffered");
	held = out_bytes - before;
	before = out_bytes;
	printf(" until the newline\n");
	flushed = out_bytes - before;
	CHECK_EQ("libc: stdout keeps a line without a newline", held, 0);
	CHECK_EQ("libc: ... and writes it whole at the newline, through cos_stdout_write", flushed,
		 strlen("libc beta: line buffered until the newline\n"));
	before = out_bytes;
	n = write(1, line, sizeof line - 1);
	written = out_bytes - before;
	CHECK_EQ("libc: write(1) returns the bytes written", n, sizeof line - 1);
	CHECK_EQ("libc: ... through cos_stdout_write", written, sizeof line - 1);

	/* errno: set here, then alpha runs, and calls into beta */
	errno = 0;
	open("/", O_RDONLY);
	CHECK_EQ("libc: open() in beta sets errno to ENOSYS", errno, ENOSYS);
	cos_yield();
	CHECK_EQ("libc: errno is per component, not per thread: alpha's call into beta set it", errno, ERANGE);

	printf("libc beta: %u bytes of stack never used\n", (unsigned)stack_unused());
	CHECK("libc: the stack never reached data and bss", stack_unused() > 0);
	test_done();
	return 0;
}
