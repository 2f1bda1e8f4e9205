/*
 * server.c - two servers built from this source (slots S_SERVER and
 * S_GSERVER; only the booter's fault gates tell them apart).
 * Export 0: load the word at a, which the client points into its own RAM,
 * so the load faults.  Export 1: a + b, and the number of calls served.
 */
#include "fault.h"

static uint32_t calls;

uint32_t srv_load(uint32_t a)
{
	return *(volatile uint32_t *)a;
}
COS_SERVER_ENTRY(srv_load);
COS_DECLARE_ENTRY(srv_load);

uint64_t srv_add(uint32_t a, uint32_t b)
{
	return ((uint64_t)++calls << 32) | (a + b);
}
COS_SERVER_ENTRY(srv_add);
COS_DECLARE_ENTRY(srv_add);

COS_EXPORTS(COS_ENTRY_ADDR(srv_load), COS_ENTRY_ADDR(srv_add));

int cos_main(uint32_t arg)
{
	(void)arg;
	return 0;
}
