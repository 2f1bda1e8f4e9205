/*
 * board.h - netduinoplus2 (STM32F405RG, Cortex-M4): memory map, devices,
 * and the early console.  Usable from C, assembly and linker scripts.
 *
 * Memory: 1 MiB flash at 0x08000000 (the kernel's 32 KiB first, then user
 * code), 128 KiB SRAM at 0x20000000 (the kernel's 4 KiB first, then the
 * typed-memory pool).  The 64 KiB CCM is unused.
 */
#ifndef BOARD_H
#define BOARD_H

#define BOARD_NAME "netduinoplus2"
#define BOARD_FLASH_BASE        0x08000000
#define BOARD_FLASH_SIZE        0x00100000
#define BOARD_KERNEL_FLASH_SIZE 0x00008000
#define BOARD_USER_FLASH_BASE   0x08008000
#define BOARD_USER_FLASH_SIZE   0x000f8000
#define BOARD_KERNEL_RAM_BASE   0x20000000
#define BOARD_KERNEL_RAM_SIZE   0x00001000
#define BOARD_POOL_BASE         0x20001000
#define BOARD_POOL_SIZE         0x0001f000
#define BOARD_KERNEL_STACK_SIZE 0x00000400
#define BOARD_NIRQ 82

/*
 * Devices a memory capability is made for at boot: name, MMIO base, size
 * (a power of two, aligned), interrupt line (-1: none).  Order = boot slots.
 */
#define BOARD_DEVICES(X) \
	X(USART1, 0x40011000, 0x400, 37) \
	X(USART2, 0x40004400, 0x400, 38) \
	X(TIM2,   0x40000000, 0x400, 28) \
	X(TIM3,   0x40000400, 0x400, 29) \
	X(ADC,    0x40012000, 0x400, 18) \
	X(RCC,    0x40023800, 0x400, -1) \
	X(GPIOA,  0x40020000, 0x400, -1) \
	X(TIM5,   0x40000c00, 0x400, 50)

#ifndef __ASSEMBLER__
enum board_device {
#define BOARD_DEV_ENUM(name, base, size, irq) BOARD_DEV_##name,
	BOARD_DEVICES(BOARD_DEV_ENUM)
#undef BOARD_DEV_ENUM
	BOARD_NDEVICES
};

/* The roles the portable tests and benchmarks use. */
#define BOARD_DEV_BENCH_TIMER BOARD_DEV_TIM2 /* 32-bit, counts one per instruction under -icount */
#define BOARD_DEV_TEST_TIMER  BOARD_DEV_TIM3 /* a second timer for interrupt tests */
#define BOARD_DEV_CLOCKS      BOARD_DEV_RCC
#define BOARD_DEV_ALARM_TIMER BOARD_DEV_TIM5 /* 32-bit: the alarm driver's (components/timer_stm32) */
/* Turning on those timers' clocks: RCC_APB1ENR (RM0090 7.3.13), TIM2EN, TIM3EN, TIM5EN. */
#define BOARD_CLOCKS_TIMER_ENR      0x40
#define BOARD_CLOCKS_BENCH_TIMER_EN (1u << 0)
#define BOARD_CLOCKS_TEST_TIMER_EN  (1u << 1)
#define BOARD_CLOCKS_ALARM_TIMER_EN (1u << 3) /* TIM5EN */

/*
 * The clock gate of each device that has one (RM0090 7.3.10, 7.3.13, 7.3.14:
 * RCC_AHB1ENR 0x30, RCC_APB1ENR 0x40, RCC_APB2ENR 0x44): device, offset of
 * its enable register in RCC, bit.  The clock service (components/clocks)
 * turns them on for the drivers; RCC itself has none.
 */
#define BOARD_CLOCKS(X) \
	X(USART1, 0x44, 4) \
	X(USART2, 0x40, 17) \
	X(TIM2,   0x40, 0) \
	X(TIM3,   0x40, 1) \
	X(ADC,    0x44, 8) \
	X(GPIOA,  0x30, 0) \
	X(TIM5,   0x40, 3)

#define BOARD_DEV_CASE_BASE(name, base, size, irq) case BOARD_DEV_##name: return base;
#define BOARD_DEV_CASE_SIZE(name, base, size, irq) case BOARD_DEV_##name: return size;
#define BOARD_DEV_CASE_IRQ(name, base, size, irq) case BOARD_DEV_##name: return irq;
static inline unsigned board_devices_base(unsigned dev)
{
	switch (dev) { BOARD_DEVICES(BOARD_DEV_CASE_BASE) default: return 0; }
}
static inline unsigned board_devices_size(unsigned dev)
{
	switch (dev) { BOARD_DEVICES(BOARD_DEV_CASE_SIZE) default: return 0; }
}
static inline int board_devices_irq(unsigned dev)
{
	switch (dev) { BOARD_DEVICES(BOARD_DEV_CASE_IRQ) default: return -1; }
}

struct board_device_desc {
	const char *name;
	unsigned base, size;
	int irq;
};
extern const struct board_device_desc board_devices[BOARD_NDEVICES];

/* Kernel-only: early console (boot and panic messages) and the way to stop. */
void board_console_init(void);
void board_console_putc(char c);
void board_halt(int code) __attribute__((noreturn));
#endif

#endif
