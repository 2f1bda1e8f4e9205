/*
 * thread.h - threads created at run time, from the component's thread pool.
 *
 * Contract: a component whose graph entry has `thread_pool = { count, priority,
 * stack }` owns `count` threads that the booter made at boot; they wait in the
 * scheduler until cos_thd_create() gives one of them a function to run.
 * cos_thd_create() returns the thread's id (>= 0), or COS_EAGAIN when every
 * pool thread is busy (or the component has no pool).  When fn returns, its
 * thread goes back to the pool; calling cos_thd_exit() in fn ends that thread
 * for good (the pool shrinks).  Static sizes, no heap: the graph fixes how
 * many threads a component may run at once, their priority and their stacks.
 */
#ifndef COS_THREAD_H
#define COS_THREAD_H

#include <stdint.h>

typedef void (*cos_thd_fn)(void *arg);

int32_t cos_thd_create(cos_thd_fn fn, void *arg);

/* Used by generated code and crt0 (docs/compgraph.md, thread_pool). */
#define COS_POOL_MAX 8
void cos_pool_init(uint32_t first_index, uint32_t count, uint32_t first_tid);
int cos_pool_thread(uint32_t index);
void cos_pool_run(uint32_t index) __attribute__((noreturn));

#endif
