/* client.c - the same code in two components: each sees its own number and state. */
#include <string.h>
#include "cos_gen.h"
#include "test.h"

int cos_main(uint32_t arg)
{
	uint8_t *buf = COS_SHARED_server;
	int32_t me = t_ident_who();

	(void)arg;
	CHECK_EQ("ident: the server knows its caller (first is client 0, second client 1)", me,
		 COS_COMPONENT_ID == 2 ? 0 : 1);
	memset(buf, 1, 10);
	CHECK_EQ("ident: per-client state, first call", t_ident_put(0, 10, 0), 10);
	CHECK_EQ("ident: per-client state is not shared with the other client", t_ident_put(0, 5, 100), 115);
	CHECK_EQ("ident: buffers are still checked", t_ident_put(60, 8, 0), COS_EINVAL);
#ifdef COS_SLOT_HALT /* the second client ends the system */
	cos_halt(COS_SLOT_HALT, test_failures());
#endif
	return 0;
}
