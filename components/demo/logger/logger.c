/* logger.c - the innermost server: one line per record, with musl's printf. */
#include <stdio.h>
#include "cos_gen.h"

void log_record(uint32_t a, uint32_t b, uint32_t result, uint32_t n)
{
	printf("logger: call %u: %u + %u = %u (app -> calc -> logger, one thread)\n", (unsigned)n, (unsigned)a,
	       (unsigned)b, (unsigned)result);
}
