/* calc.c - a server: arithmetic on words and on the buffer a client shares. */
#include <stdio.h>
#include "cos_gen.h"

static uint32_t calls;

uint32_t calc_add(uint32_t a, uint32_t b)
{
	calls++;
	log_record(a, b, a + b, calls); /* nested: the caller's thread goes on into the logger */
	return a + b;
}

int32_t calc_sum(const void *data, uint32_t data_length)
{
	const uint8_t *p = data;
	int32_t sum = 0;
	uint32_t i;

	for (i = 0; i < data_length; i++)
		sum += p[i];
	return sum;
}

int32_t calc_fill(void *data, uint32_t data_length, uint32_t value)
{
	uint8_t *p = data;
	uint32_t i;

	for (i = 0; i < data_length; i++)
		p[i] = (uint8_t)value;
	return (int32_t)data_length;
}
