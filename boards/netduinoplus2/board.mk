# netduinoplus2: STM32F405RG, Cortex-M4 (ARMv7-M MPU, 8 regions).
ARCH := armv7m
CPU_FLAGS := -mcpu=cortex-m4 -mthumb -mfloat-abi=soft
QEMU := qemu-system-arm
QEMU_MACHINE := netduinoplus2
QEMU_FLAGS := -M $(QEMU_MACHINE) -nographic -monitor none -serial stdio \
	-semihosting-config enable=on,target=native
QEMU_BENCH_FLAGS := -icount shift=0
