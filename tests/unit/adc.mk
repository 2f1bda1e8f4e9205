# adc.mk - host test of the ADC mux's request rounds (components/adc_mux/adc_round.c,
# the coalescing rules S2, S4-S7 of docs/adc.md), with the sanitizers of UNIT_CFLAGS.
# Included by unit.mk.

UNIT_ADC_SRCS := $(UNIT_ROOT)/tests/unit/adc/test_adc_round.c $(UNIT_ROOT)/components/adc_mux/adc_round.c
UNIT_TESTS += $(UNIT_OUT)/test_adc_round

$(UNIT_OUT)/test_adc_round: $(UNIT_ADC_SRCS) $(UNIT_ROOT)/components/adc_mux/adc_round.h \
		$(UNIT_ROOT)/interfaces/adc/adc.h $(UNIT_ROOT)/tests/unit/check.h
	@mkdir -p $(@D)
	$(HOSTCC) $(UNIT_CFLAGS) -I$(UNIT_ROOT)/kernel/include -I$(UNIT_ROOT)/components/adc_mux \
		$(UNIT_ADC_SRCS) $(UNIT_LDFLAGS) -o $@
