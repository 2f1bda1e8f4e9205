/* server.c - keeps one counter per client, indexed by the client's number. */
#include "cos_gen.h"

static uint32_t sums[COS_NCLIENTS_t_ident];

int32_t t_ident_who(uint32_t client)
{
	return (int32_t)client;
}

int32_t t_ident_put(const void *data, uint32_t data_length, uint32_t tag, uint32_t client)
{
	const uint8_t *p = data;
	uint32_t i;

	for (i = 0; i < data_length; i++)
		sums[client] += p[i];
	return (int32_t)(sums[client] + tag);
}
