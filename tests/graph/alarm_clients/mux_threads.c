/*
 * mux_threads.c - compiled into the alarm mux of this system (`sources`):
 * which thread ids each client may name to be woken, so that a client
 * cannot have the mux wake another's thread.  Clients are numbered in file
 * order among the components that depend on "alarm": a, b, c.  (The graph
 * compiler could generate this table: docs/alarm.md, section 9.)
 */
#include "cos_gen.h"

uint32_t alarm_mux_client_threads(uint32_t client);

uint32_t alarm_mux_client_threads(uint32_t client)
{
	static const uint32_t threads[COS_NCLIENTS_alarm] = {
		1u << COS_TID_a_a, 1u << COS_TID_b_b, 1u << COS_TID_c_c,
	};

	return client < COS_NCLIENTS_alarm ? threads[client] : 0;
}
