/*
 * adc_stm32.c - the ADC driver for STM32F4 (ADC1 of the board device "ADC":
 * ADC1..3 and the common registers, 1 KiB at 0x40012000 on netduinoplus2),
 * and the sampling clock, a timer whose update interrupt wakes one thread at
 * a rate.  Exports adc_hw (interfaces/adc_hw); its one client is the mux.
 *
 * Programmed as RM0090 section 13 says: ADCCLK = PCLK2 / 4 (CCR.ADCPRE),
 * 12-bit right-aligned results, single conversion of one regular channel
 * (SQR1.L = 0, SQR3.SQ1 = channel), EOC after each conversion (CR2.EOCS),
 * sample times set once for every channel (SMPR1, SMPR2), the converter on
 * (CR2.ADON) from start-up, a conversion started by CR2.SWSTART, its end seen
 * in SR.EOC, its result read from DR (which clears EOC).
 *
 * QEMU 7.2's model never sets EOC (DR gives a fresh value after each
 * SWSTART).  That difference is handled in one place, the section "End of
 * conversion" below: a probe conversion at start-up finds out whether EOC
 * is reported, and every conversion then either waits for EOC (bounded) or
 * reads DR at once (docs/adc.md, "EOC").
 */
#include "cos_gen.h"
#include "adc_stm32.h"
#include "../../interfaces/adc/adc.h"

/* ADC1's registers, in words from its base (RM0090 13.13.18). */
#define ADC_SR    0
#define ADC_CR1   1
#define ADC_CR2   2
#define ADC_SMPR1 3
#define ADC_SMPR2 4
#define ADC_SQR1  11
#define ADC_SQR3  13
#define ADC_DR    19
#define ADC_CCR   (0x304 / 4) /* common control register, ADC base + 0x300 + 4 */

#define SR_EOC       (1u << 1)
#define CR2_ADON     (1u << 0)
#define CR2_EOCS     (1u << 10)
#define CR2_SWSTART  (1u << 30)
#define CCR_ADCPRE_4 (1u << 16) /* ADCCLK = PCLK2 / 4: at most 21 MHz (PCLK2 <= 84 MHz), under its 36 MHz limit */
#define CCR_VBATE    (1u << 22) /* VBAT on channel 18, only while it is converted (it drains the battery) */
#define CCR_TSVREFE  (1u << 23) /* temperature sensor and VREFINT on channels 16 and 17 */

/* Sample times (SMPx codes): 84 ADCCLK cycles for the external inputs, 480
 * for the internal channels 16-18 (the temperature sensor needs 10 us). */
#define SMP_84  4u
#define SMP_480 7u

/*
 * The bound of every wait for EOC, in status reads.  The longest conversion
 * is (480 + 12) ADCCLK cycles at ADCPRE / 4 and the slowest PCLK2 (HCLK / 16):
 * 492 * 4 * 16 = 31488 CPU cycles.  A status read takes at least one cycle,
 * so 32768 reads outlast any conversion this driver programs, at any clock.
 */
#define ADC_EOC_POLLS 32768u
/* tSTAB after ADON (3 us at most, RM0090 / the datasheet): 1024 status reads
 * are at least 1024 cycles, 6 us at 168 MHz. */
#define ADC_STAB_POLLS 1024u
#define ADC_PROBE_CHANNEL 17u /* VREFINT: always connected */

/* Sampling clock: a general-purpose timer (TIMx registers, in words). */
#define TIM_CR1  0
#define TIM_DIER 3
#define TIM_SR   4
#define TIM_ARR  11
#define TIM_CR1_CEN (1u << 0)
#define TIM_UIE     (1u << 0)
#define TIM_UIF     (1u << 0)
#define NO_WAITER   0xffffffffu

#if ADC_TIMER_HZ % 1000000u != 0 || ADC_TIMER_HZ / 1000000u > 4294u
#error "ADC_TIMER_HZ must be a whole number of MHz, at most 4294 MHz (periods in timer clocks fit 32 bits)"
#endif

#define adc ((volatile uint32_t *)board_devices_base(BOARD_DEV_ADC))

static uint32_t eoc_mode;     /* ADC_EOC_*: what the probe found */
static uint32_t probe_polls;  /* status reads the probe made */
static uint32_t conversions;  /* SWSTARTs since boot */
static uint32_t timeouts;     /* conversions that ended in ADC_ETIMEOUT */
static uint32_t converting;   /* 1 while a thread is inside adc_hw_convert */
static volatile uint32_t ticks;  /* sampling-clock ticks since boot */
static volatile uint32_t waiter = NO_WAITER; /* the thread the clock wakes */
static volatile uint32_t sub_per_tick = 1;  /* timer updates per tick of the clock */

/* The clocks of ADC1 and the sampling clock's timer: from the clock service
 * when the graph gives the driver a dependency on "clock"; otherwise from
 * rcc/adc_rcc.c (the driver owns RCC), or from RCC's owner before the driver
 * starts (docs/adc.md, D4). */
__attribute__((weak)) void adc_stm32_clocks_on(void)
{
#ifdef COS_GATE_clock_enable
	if (clock_enable(BOARD_DEV_ADC) != 0)
		cos_printf("adc_stm32: the clock service refused ADC1's clock\n");
#ifdef COS_RCV_clock
	if (clock_enable(ADC_CLOCK_DEV) != 0)
		cos_printf("adc_stm32: the clock service refused the sampling clock's timer\n");
#endif
#endif
}

/* ---- End of conversion: the one place that knows about QEMU's EOC ---- */

/*
 * At start-up: one conversion of VREFINT, waiting for EOC up to the bound.
 * EOC seen: the converter reports it (the part), every conversion will wait
 * for it. No EOC but data in DR: it converts without reporting (QEMU 7.2),
 * every conversion will read DR at once, since the model converts at SWSTART.
 * Neither: the converter does not work (no clock, say), every conversion
 * fails with ADC_ENODEV.
 */
static void eoc_probe(void)
{
	uint32_t n, dr;

	adc[ADC_SQR3] = ADC_PROBE_CHANNEL;
	adc[ADC_CR2] = CR2_ADON | CR2_EOCS | CR2_SWSTART;
	conversions++;
	for (n = 0; n < ADC_EOC_POLLS; n++)
		if (adc[ADC_SR] & SR_EOC)
			break;
	probe_polls = n;
	dr = adc[ADC_DR] & 0xfffu;
	if (n < ADC_EOC_POLLS)
		eoc_mode = ADC_EOC_REPORTED;
	else
		eoc_mode = dr ? ADC_EOC_MISSING : ADC_EOC_DEAD;
}

/* The result of the conversion just started. */
static int32_t eoc_result(void)
{
	uint32_t n;

	if (eoc_mode == ADC_EOC_MISSING)
		return (int32_t)(adc[ADC_DR] & 0xfffu);
	for (n = 0; n < ADC_EOC_POLLS; n++)
		if (adc[ADC_SR] & SR_EOC)
			return (int32_t)(adc[ADC_DR] & 0xfffu);
	timeouts++;
	return ADC_ETIMEOUT;
}

/* ---- Start-up ---- */

static void clock_init(void);

static void adc_start(void)
{
	uint32_t i, smpr1 = 0, smpr2 = 0;

	adc_stm32_clocks_on();
	adc[ADC_CR2] = 0;
	adc[ADC_CCR] = CCR_ADCPRE_4 | CCR_TSVREFE;
	adc[ADC_CR1] = 0; /* 12 bits, no scan, no interrupt */
	for (i = 0; i < 10; i++)
		smpr2 |= SMP_84 << (3 * i);
	for (i = 10; i < ADC_NCHANNELS; i++)
		smpr1 |= (i >= 16 ? SMP_480 : SMP_84) << (3 * (i - 10));
	adc[ADC_SMPR1] = smpr1;
	adc[ADC_SMPR2] = smpr2;
	adc[ADC_SQR1] = 0; /* one conversion in the regular sequence */
	adc[ADC_CR2] = CR2_ADON | CR2_EOCS;
	for (i = 0; i < ADC_STAB_POLLS; i++)
		(void)adc[ADC_SR];
	eoc_probe();
	clock_init();
}

#ifdef COS_GATE_clock_enable
/* With the clock service the initialiser cannot start the converter (it has
 * no server stack to call with: docs/compgraph.md), so the first call does,
 * once; a call that comes while another thread is starting it is told
 * COS_EBUSY.  Returns 0 once started. */
static uint32_t start_state; /* 0: not started, 1: starting, 2: started */

static int32_t adc_started(void)
{
	uint32_t none = 0;

	if (__atomic_load_n(&start_state, __ATOMIC_ACQUIRE) == 2)
		return 0;
	if (!__atomic_compare_exchange_n(&start_state, &none, 1, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
		return COS_EBUSY;
	adc_start();
	__atomic_store_n(&start_state, 2, __ATOMIC_RELEASE);
	return 0;
}
#define ADC_STARTED_OR_RETURN(fail) do { if (adc_started() != 0) return (fail); } while (0)
#else
void cos_init(void)
{
	adc_start();
}
#define ADC_STARTED_OR_RETURN(fail) do { } while (0)
#endif

/* ---- adc_hw ---- */

int32_t adc_hw_convert(uint32_t channel)
{
	uint32_t free = 0;
	int32_t v;

	ADC_STARTED_OR_RETURN(COS_EBUSY);
	if (channel >= ADC_NCHANNELS)
		return COS_EINVAL;
	if (eoc_mode != ADC_EOC_REPORTED && eoc_mode != ADC_EOC_MISSING)
		return ADC_ENODEV;
	/* One conversion at a time: a second thread is told, never mixed in. */
	if (!__atomic_compare_exchange_n(&converting, &free, 1, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
		return COS_EBUSY;
	adc[ADC_SQR3] = channel;
	if (channel == 18)
		adc[ADC_CCR] |= CCR_VBATE;
	adc[ADC_CR2] = CR2_ADON | CR2_EOCS | CR2_SWSTART;
	conversions++;
	v = eoc_result();
	if (channel == 18)
		adc[ADC_CCR] &= ~CCR_VBATE;
	__atomic_store_n(&converting, 0, __ATOMIC_RELEASE);
	return v;
}

uint32_t adc_hw_stat(uint32_t what)
{
	ADC_STARTED_OR_RETURN(0);
	switch (what) {
	case ADC_HW_STAT_CONVERSIONS:
		return conversions;
	case ADC_HW_STAT_EOC_MODE:
		return eoc_mode;
	case ADC_HW_STAT_TIMEOUTS:
		return timeouts;
	case ADC_HW_STAT_TICKS:
		return ticks;
	case ADC_HW_STAT_PROBE_POLLS:
		return probe_polls;
	case ADC_HW_STAT_CLOCK_SUBTICKS:
		return sub_per_tick;
	default:
		return 0;
	}
}

/* ---- The sampling clock ---- */

/*
 * A general-purpose timer counts at its input clock (PSC is left at its
 * reset value 0) up to ARR, and each update interrupt is a sub-tick; every
 * k-th sub-tick is a tick of the clock, which wakes the waiter.  ARR is
 * 16 bits on TIM3 of the part (32 on TIM2 and TIM5, and on every timer of
 * QEMU's model): start-up measures it (all ones written to ARR, read back),
 * and a period of P timer clocks takes k = ceil(P / (ARR_MAX + 1)) sub-ticks
 * of P / k clocks.  PSC, CNT and EGR are never written: QEMU 7.2's
 * model then adds the time of that write to every later period (it keeps
 * its counter's offset from that moment), so under QEMU only ARR is written,
 * and each ARR write arms the next update one ARR later.  On the part this
 * leaves the counter where the last stop left it: the first sub-tick of a
 * clock comes within one sub-period plus one counter wrap (65536 clocks).
 */
#ifdef COS_RCV_clock
#define tim ((volatile uint32_t *)board_devices_base(ADC_CLOCK_DEV))

static volatile uint32_t sub;
static uint32_t arr_max; /* the widest value ARR takes: 0xffff or 0xffffffff */

/* At start-up, the timer stopped: how wide is its ARR? */
static void clock_init(void)
{
	tim[TIM_DIER] = 0;
	tim[TIM_CR1] = 0;
	tim[TIM_ARR] = 0xffffffffu;
	arr_max = tim[TIM_ARR];
	if (arr_max < 0xffffu)
		arr_max = 0xffffu;
}

int32_t adc_hw_clock_start(uint32_t period_us, uint32_t tid)
{
	uint32_t total, k;

	ADC_STARTED_OR_RETURN(COS_EBUSY);
	if (period_us < ADC_STREAM_PERIOD_MIN_US || period_us > ADC_STREAM_PERIOD_MAX_US || tid >= COS_MAX_TID)
		return COS_EINVAL;
	if (waiter != NO_WAITER)
		return COS_EBUSY;
	total = period_us * (ADC_TIMER_HZ / 1000000u); /* timer clocks per tick */
	k = arr_max >= total - 1 ? 1 : (total - 1) / (arr_max + 1) + 1;
	sub_per_tick = k;
	sub = 0;
	waiter = tid;
	tim[TIM_SR] = 0;
	tim[TIM_DIER] = TIM_UIE;
	tim[TIM_CR1] = TIM_CR1_CEN;
	tim[TIM_ARR] = total / k - 1; /* last: QEMU arms its next update here */
	return COS_OK;
}

int32_t adc_hw_clock_stop(void)
{
	ADC_STARTED_OR_RETURN(COS_EBUSY);
	tim[TIM_DIER] = 0;
	tim[TIM_CR1] = 0;
	tim[TIM_SR] = 0;
	waiter = NO_WAITER;
	return COS_OK;
}

/* The thread "clock": one sub-tick per update interrupt; a tick (and a
 * wakeup of the waiter) every sub_per_tick of them. */
int cos_main(uint32_t arg)
{
	uint32_t w;

	(void)arg;
	while (cos_arcv(COS_RCV_clock) >= 0) {
		if (!(tim[TIM_SR] & TIM_UIF))
			continue; /* an interrupt left over from a stopped clock */
		tim[TIM_SR] = 0;
		w = waiter;
		if (w == NO_WAITER || ++sub < sub_per_tick)
			continue;
		sub = 0;
		ticks++;
		cos_sched_wakeup(w);
	}
	return 0;
}
#else
/* This system gives the driver no timer: no sampling at a rate. */
static void clock_init(void)
{
}

int32_t adc_hw_clock_start(uint32_t period_us, uint32_t tid)
{
	(void)period_us;
	(void)tid;
	return COS_ENOSYS;
}

int32_t adc_hw_clock_stop(void)
{
	return COS_OK;
}
#endif
