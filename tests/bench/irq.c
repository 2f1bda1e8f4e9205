/* irq.c - the thread attached to the interrupt: stamps the counter when it runs. */
#include <cos/cos.h>
#include "bench.h"

int cos_main(uint32_t arg)
{
	volatile uint32_t *tim = (volatile uint32_t *)BENCH_IRQ_TIM;

	if (arg == 0)
		return 0; /* the initialising thread */
	cos_arcv(BENCH_SLOT_IRQ_RCV);
	SHARED->irq = bench_now();
	tim[TIM_DIER / 4] = 0;
	tim[TIM_CR1 / 4] = 0;
	tim[TIM_SR / 4] = 0;
	SHARED->irq_seen = 1;
	return 0;
}
