/* server.c - the calculator, as small as it gets, for the stub benchmark. */
#include "cos_gen.h"

uint32_t calc_add(uint32_t a, uint32_t b)
{
	return a + b;
}

int32_t calc_sum(const void *data, uint32_t data_length)
{
	(void)data;
	return (int32_t)data_length;
}

int32_t calc_fill(void *data, uint32_t data_length, uint32_t value)
{
	(void)data;
	(void)value;
	return (int32_t)data_length;
}
