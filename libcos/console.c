/*
 * console.c - the kernel's debug console as the component's standard output,
 * and cos_printf.  cos_printf keeps a line until a newline (or a full line
 * buffer) and then hands it to cos_stdout_write, which musl's stdout (fd 1
 * and 2, libc.c) uses too.  The default cos_stdout_write writes 16 bytes per
 * trap, back to back, so lines of different threads rarely interleave.
 *
 * cos_printf is libcos' own small formatter, not musl's vsnprintf: it needs
 * about 100 bytes of stack where musl's printf needs about 0.7 KiB, and it
 * runs on 512-byte server stacks (docs/libc.md).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cos/cos.h>

#define LINE_BUF 128 /* not LINE_MAX: <limits.h> has that */

static uint32_t console_hw;
static char line[LINE_BUF];
static unsigned line_len;

void cos_console_cap(uint32_t hw)
{
	console_hw = hw;
}

/* Writes n bytes to the console, 16 per trap.  The console stops at a zero
 * byte, so zero bytes are skipped. */
long cos_console_write(const char *s, size_t n)
{
	size_t i = 0, k;

	while (i < n) {
		uint32_t w[4] = { 0, 0, 0, 0 };

		for (k = 0; k < 16 && i < n; i++) {
			if (s[i]) {
				w[k >> 2] |= (uint32_t)(uint8_t)s[i] << ((k & 3u) * 8);
				k++;
			}
		}
		if (k)
			cos_op_console(console_hw, w[0], w[1], w[2], w[3]);
	}
	return (long)n;
}

/* Standard output's default: the console.  Weak: a component (or a library
 * it links) that defines cos_stdout_write sends printf, puts and cos_printf
 * somewhere else, a UART mux for instance. */
__attribute__((weak)) long cos_stdout_write(const char *s, size_t n)
{
	return cos_console_write(s, n);
}

static void flush(void)
{
	if (line_len)
		cos_stdout_write(line, line_len);
	line_len = 0;
}

static void put(char c)
{
	line[line_len++] = c;
	if (line_len == sizeof(line) || c == '\n')
		flush();
}

void cos_puts(const char *s)
{
	while (*s)
		put(*s++);
	flush();
}

static void put_num(uint32_t v, unsigned base, int neg)
{
	char buf[12];
	int n = 0;

	if (neg)
		put('-');
	do {
		buf[n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	while (n)
		put(buf[--n]);
}

void cos_printf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	for (; *fmt; fmt++) {
		if (*fmt != '%' || !fmt[1]) {
			put(*fmt);
			continue;
		}
		switch (*++fmt) {
		case 'd': {
			int v = va_arg(ap, int);
			put_num(v < 0 ? 0u - (uint32_t)v : (uint32_t)v, 10, v < 0);
			break;
		}
		case 'u':
			put_num(va_arg(ap, uint32_t), 10, 0);
			break;
		case 'x':
			put_num(va_arg(ap, uint32_t), 16, 0);
			break;
		case 's':
			for (const char *s = va_arg(ap, const char *); *s; s++)
				put(*s);
			break;
		case 'c':
			put((char)va_arg(ap, int));
			break;
		default:
			put(*fmt);
			break;
		}
	}
	va_end(ap);
	flush();
}
