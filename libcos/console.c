/*
 * console.c - formatted output to the kernel's debug console.  Output is
 * kept until a newline (or a full line buffer) and then written 16 bytes per
 * trap, back to back, so lines of different threads rarely interleave.
 */
#include <stdarg.h>
#include <stdint.h>
#include <cos/cos.h>

#define LINE_MAX 128

static uint32_t console_hw;
static char line[LINE_MAX];
static unsigned line_len;

void cos_console_cap(uint32_t hw)
{
	console_hw = hw;
}

static void flush(void)
{
	unsigned i, at;

	for (at = 0; at < line_len; at += 16) {
		uint32_t w[4] = { 0, 0, 0, 0 };

		for (i = 0; i < 16 && at + i < line_len; i++)
			w[i >> 2] |= (uint32_t)(uint8_t)line[at + i] << ((i & 3u) * 8);
		cos_op_console(console_hw, w[0], w[1], w[2], w[3]);
	}
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
