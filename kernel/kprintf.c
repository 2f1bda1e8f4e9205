/* kprintf.c - a very small printf over the board's early console. */
#include <stdarg.h>
#include <stdint.h>
#include "kprintf.h"
#include "board.h"

void kputs(const char *s)
{
	while (*s)
		board_console_putc(*s++);
}

static void put_unsigned(uint32_t v, uint32_t base, int width)
{
	char buf[12];
	int n = 0;

	do {
		buf[n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	while (width-- > n)
		board_console_putc('0');
	while (n)
		board_console_putc(buf[--n]);
}

void kprintf(const char *fmt, ...)
{
	va_list ap;
	int width;

	va_start(ap, fmt);
	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			board_console_putc(*fmt);
			continue;
		}
		fmt++;
		width = 0;
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (*fmt++ - '0');
		switch (*fmt) {
		case 's':
			kputs(va_arg(ap, const char *));
			break;
		case 'c':
			board_console_putc((char)va_arg(ap, int));
			break;
		case 'd': {
			int v = va_arg(ap, int);
			if (v < 0) {
				board_console_putc('-');
				put_unsigned(0u - (uint32_t)v, 10, width);
			} else {
				put_unsigned((uint32_t)v, 10, width);
			}
			break;
		}
		case 'u':
			put_unsigned(va_arg(ap, uint32_t), 10, width);
			break;
		case 'x':
			put_unsigned(va_arg(ap, uint32_t), 16, width);
			break;
		case '\0':
			fmt--;
			break;
		default:
			board_console_putc(*fmt);
			break;
		}
	}
	va_end(ap);
}

void kpanic(const char *why)
{
	kprintf("kernel panic: %s\n", why);
	board_halt(255);
}
