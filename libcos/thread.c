/* thread.c - libcos: run-time threads from the component's static pool (cos/thread.h). */
#include <cos/cos.h>
#include <cos/sched.h>
#include <cos/thread.h>

/* A pool thread's slot: FREE, TAKEN (a creator is filling it), READY (work to do). */
enum { SLOT_FREE, SLOT_TAKEN, SLOT_READY };

struct pool_slot {
	uint32_t state;
	cos_thd_fn fn;
	void *arg;
};

static struct pool_slot pool[COS_POOL_MAX];
static uint32_t pool_first, pool_count, pool_tid0;

void cos_pool_init(uint32_t first_index, uint32_t count, uint32_t first_tid)
{
	pool_first = first_index;
	pool_count = count < COS_POOL_MAX ? count : COS_POOL_MAX;
	pool_tid0 = first_tid;
}

int cos_pool_thread(uint32_t index)
{
	return index >= pool_first && index - pool_first < pool_count;
}

/* A pool thread's life: wait for work, run it, give the slot back.  The
 * scheduler keeps a wakeup that comes before the block, so none is lost. */
void cos_pool_run(uint32_t index)
{
	struct pool_slot *p = &pool[index - pool_first];

	for (;;) {
		while (__atomic_load_n(&p->state, __ATOMIC_ACQUIRE) != SLOT_READY)
			cos_sched_block();
		p->fn(p->arg);
		__atomic_store_n(&p->state, SLOT_FREE, __ATOMIC_RELEASE);
	}
}

int32_t cos_thd_create(cos_thd_fn fn, void *arg)
{
	uint32_t i, expected;

	for (i = 0; i < pool_count; i++) {
		expected = SLOT_FREE;
		if (!__atomic_compare_exchange_n(&pool[i].state, &expected, SLOT_TAKEN, 0, __ATOMIC_ACQUIRE,
						 __ATOMIC_RELAXED))
			continue;
		pool[i].fn = fn;
		pool[i].arg = arg;
		__atomic_store_n(&pool[i].state, SLOT_READY, __ATOMIC_RELEASE);
		cos_sched_wakeup(pool_tid0 + i);
		return (int32_t)(pool_tid0 + i);
	}
	return COS_EAGAIN;
}
