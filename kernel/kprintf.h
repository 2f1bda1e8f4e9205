/*
 * kprintf.h - the kernel's console output, for boot and fault reports and
 * panics only.  Formats: %s %c %d %u %x (with an optional width for %x).
 */
#ifndef KPRINTF_H
#define KPRINTF_H

void kputs(const char *s);
void kprintf(const char *fmt, ...); /* every integer argument is 32 bits wide */
void kpanic(const char *why) __attribute__((noreturn));

#endif
