/*
 * adc.h - constants of the ADC interfaces: "adc" (single samples, served by
 * the mux to any client the graph names), "adc_stream" (sampling at a rate,
 * only for the components the graph gives it) and "adc_hw" (the driver, for
 * the mux).  The semantics are in docs/adc.md; the functions in the
 * interface.toml files of interfaces/adc, adc_stream and adc_hw.
 *
 * Contract: results are >= 0 on success, else a negative COS_E* (kabi.h) or
 * one of the ADC_E* below, which lie outside the kernel's range.
 */
#ifndef ADC_INTERFACE_H
#define ADC_INTERFACE_H

/* ADC1's channels: 0-15 external inputs, 16 temperature sensor, 17 VREFINT,
 * 18 VBAT (RM0090 13.3.3).  A sample is 12 bits, right aligned. */
#define ADC_NCHANNELS 19u
#define ADC_MAX_VALUE 4095u

/* Errors of the converter (the driver's, passed on by the mux). */
#define ADC_ETIMEOUT (-32) /* no end of conversion within the bound (docs/adc.md, EOC) */
#define ADC_ENODEV   (-33) /* the converter produced nothing when the driver started */

/* adc.stat(what) */
#define ADC_STAT_CONVERSIONS  0 /* conversions the driver made since boot (ADC_HW_STAT_CONVERSIONS) */
#define ADC_STAT_REQUESTS     1 /* single requests the mux accepted (a channel, no other refusal) */
#define ADC_STAT_ROUNDS       2 /* rounds of the mux's worker that served at least one request */
#define ADC_STAT_SHARED       3 /* requests served by a conversion that another request in the round caused */
#define ADC_STAT_BUSY         4 /* single requests refused with COS_EBUSY (a stream held the converter) */
#define ADC_STAT_CLIENT_BYTES 5 /* bytes of state the mux keeps per client of "adc" */
#define ADC_STAT_CLIENTS      6 /* COS_NCLIENTS_adc: the clients the graph gave the mux */

/* adc_stream.start(config, ...): config = channel | mode */
#define ADC_STREAM_CHANNEL(config) ((config) & 0xffu)
#define ADC_STREAM_MODE(config)    ((config) & 0xff00u)
#define ADC_STREAM_RING 0x0000u /* continuous: sample i at slot i mod n, until stop */
#define ADC_STREAM_FILL 0x0100u /* buffered: n samples, then the converter is returned */
#define ADC_STREAM_PERIOD_MIN_US 100u
#define ADC_STREAM_PERIOD_MAX_US 1000000u

/* adc_stream.status(what), of the caller's last stream */
#define ADC_STREAM_STAT_SAMPLES 0 /* samples written */
#define ADC_STREAM_STAT_LOST    1 /* clock ticks that found the previous tick not yet served */
#define ADC_STREAM_STAT_ACTIVE  2 /* 1 while it holds the converter, else 0 */
#define ADC_STREAM_STAT_TICKS   3 /* clock ticks since it started (SAMPLES + LOST, give or take the one being served) */
#define ADC_STREAM_STAT_ERROR   4 /* the first error of a conversion in it, else 0 */

/* adc_hw.stat(what) */
#define ADC_HW_STAT_CONVERSIONS 0 /* conversions started since boot, the start-up probe included */
#define ADC_HW_STAT_EOC_MODE    1 /* ADC_EOC_* below: what the start-up probe found */
#define ADC_HW_STAT_TIMEOUTS    2 /* conversions that ended in ADC_ETIMEOUT */
#define ADC_HW_STAT_TICKS       3 /* sampling-clock ticks since boot */
#define ADC_HW_STAT_PROBE_POLLS 4 /* status reads the start-up probe made */
#define ADC_HW_STAT_CLOCK_SUBTICKS 5 /* timer updates per tick of the running (or last) clock */

/* What the driver's start-up probe found (docs/adc.md, EOC). */
#define ADC_EOC_REPORTED 1 /* the converter sets SR.EOC: every conversion waits for it, bounded */
#define ADC_EOC_MISSING  2 /* it converts but never sets EOC (QEMU 7.2): DR is read at once */
#define ADC_EOC_DEAD     3 /* neither EOC nor data: every conversion fails with ADC_ENODEV */

#endif
