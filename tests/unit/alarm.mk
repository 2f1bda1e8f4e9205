# alarm.mk - host unit tests of the alarm capsule, with the sanitizers of
# UNIT_CFLAGS.  Included by unit.mk.
#   test_alarm: the mux's policy (components/alarm_mux/alarm_logic.c);
#   test_tim_qemu, test_tim_chip: the two backends of the timer_stm32 driver
#   (components/timer_stm32/tim_qemu.c, tim_chip.c) on fake registers.
UNIT_ALARM := $(UNIT_OUT)/test_alarm
UNIT_ALARM_TIM := $(UNIT_OUT)/test_tim_qemu $(UNIT_OUT)/test_tim_chip
UNIT_TESTS += $(UNIT_ALARM) $(UNIT_ALARM_TIM)

$(UNIT_ALARM): $(UNIT_MK_DIR)/alarm/test_alarm.c $(UNIT_ROOT)/components/alarm_mux/alarm_logic.c \
		$(UNIT_ROOT)/components/alarm_mux/alarm_logic.h $(UNIT_ROOT)/interfaces/alarm/alarm.h $(UNIT_MK_DIR)/check.h
	@mkdir -p $(@D)
	$(HOSTCC) $(UNIT_CFLAGS) -I$(UNIT_MK_DIR) -I$(UNIT_ROOT)/components/alarm_mux $(filter %.c,$^) \
		$(UNIT_LDFLAGS) -o $@

$(UNIT_OUT)/test_tim_%: $(UNIT_MK_DIR)/alarm/test_tim.c $(UNIT_ROOT)/components/timer_stm32/tim_%.c \
		$(UNIT_ROOT)/components/timer_stm32/tim.h $(UNIT_MK_DIR)/check.h
	@mkdir -p $(@D)
	$(HOSTCC) $(UNIT_CFLAGS) -DTIMER_STM32_$(shell echo $* | tr a-z A-Z) -I$(UNIT_MK_DIR) \
		-I$(UNIT_ROOT)/components/timer_stm32 $(filter %.c,$^) $(UNIT_LDFLAGS) -o $@
