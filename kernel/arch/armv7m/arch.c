/* arch.c - ARMv7-M system control: priorities, MPU, NVIC, SysTick, fault status. */
#include "arch.h"
#include "board.h"
#include "syscall.h"
#include "kprintf.h"
#include <cos/kabi.h>

#define REG(a) (*(volatile uint32_t *)(a))
#define REG8(a) (*(volatile uint8_t *)(a))

#define SCB_ICSR   0xE000ED04u
#define SCB_CCR    0xE000ED14u
#define SCB_SHPR   0xE000ED18u /* priority byte of system exception n is at SCB_SHPR + n - 4 */
#define SCB_SHCSR  0xE000ED24u
#define SCB_CFSR   0xE000ED28u
#define SCB_HFSR   0xE000ED2Cu
#define SCB_MMFAR  0xE000ED34u
#define SCB_BFAR   0xE000ED38u
#define MPU_TYPE   0xE000ED90u
#define MPU_CTRL   0xE000ED94u
#define NVIC_IPR   0xE000E400u
#define SYST_CSR   0xE000E010u
#define SYST_RVR   0xE000E014u
#define SYST_CVR   0xE000E018u

#define ICSR_PENDSTCLR (1u << 25)
#define CCR_STKALIGN   (1u << 9)
#define CCR_DIV0_TRP   (1u << 4)
#define SHCSR_FAULTS   (7u << 16) /* MemManage, BusFault, UsageFault enabled */
#define SHCSR_SVCALLPENDED (1u << 15)
#define EXC_MEMMANAGE 4
#define EXC_BUSFAULT  5
#define EXC_USAGE     6
#define EXC_SVCALL    11
#define EXC_PENDSV    14
#define EXC_SYSTICK   15
#define MPU_ENABLE_PRIVDEF 5u     /* ENABLE | PRIVDEFENA */
#define SYST_ON        7u         /* ENABLE | TICKINT | CLKSOURCE=processor */

/* CFSR bits that mean the frame at PSP is not a valid exception frame. */
#define CFSR_MUNSTKERR (1u << 3)
#define CFSR_MSTKERR   (1u << 4)
#define CFSR_MLSPERR   (1u << 5)
#define CFSR_MMARVALID (1u << 7)
#define CFSR_IACCVIOL  (1u << 0)
#define CFSR_BUNSTKERR (1u << 11)
#define CFSR_BSTKERR   (1u << 12)
#define CFSR_LSPERR    (1u << 13)
#define CFSR_BFARVALID (1u << 15)
#define CFSR_NOFRAME (CFSR_MUNSTKERR | CFSR_MSTKERR | CFSR_MLSPERR | CFSR_BUNSTKERR | \
		      CFSR_BSTKERR | CFSR_LSPERR)

#define KERNEL_PRIO 0x80u

void arch_init(void)
{
	uint32_t i;

	if (((REG(MPU_TYPE) >> 8) & 0xffu) < MPU_NREGIONS)
		kpanic("the MPU has fewer regions than this kernel is built for");
	REG8(SCB_SHPR + EXC_MEMMANAGE - 4) = KERNEL_PRIO;
	REG8(SCB_SHPR + EXC_BUSFAULT - 4) = KERNEL_PRIO;
	REG8(SCB_SHPR + EXC_USAGE - 4) = KERNEL_PRIO;
	REG8(SCB_SHPR + EXC_SVCALL - 4) = KERNEL_PRIO;
	REG8(SCB_SHPR + EXC_PENDSV - 4) = KERNEL_PRIO;
	REG8(SCB_SHPR + EXC_SYSTICK - 4) = KERNEL_PRIO;
	for (i = 0; i < BOARD_NIRQ; i++)
		REG8(NVIC_IPR + i) = KERNEL_PRIO;
	REG(SCB_CCR) |= CCR_STKALIGN | CCR_DIV0_TRP;
	REG(SCB_SHCSR) |= SHCSR_FAULTS;
	for (i = 0; i < MPU_NREGIONS; i++) {
		REG(ARCH_MPU_RBAR) = mpu_rbar_disabled(i);
		REG(ARCH_MPU_RBAR + 4) = 0;
	}
	REG(MPU_CTRL) = MPU_ENABLE_PRIVDEF;
	__asm volatile("dsb\n\tisb" : : : "memory");
}

uint32_t arch_timeout_armed;
const struct memtbl *arch_mpu_table;

void arch_timeout_arm(uint32_t ticks)
{
	arch_timeout_armed = 1;
	REG(SYST_CSR) = 0;
	REG(SYST_RVR) = ticks > 1 ? ticks - 1 : 1;
	REG(SYST_CVR) = 0;
	REG(SYST_CSR) = SYST_ON;
}

void arch_timeout_stop(void)
{
	arch_timeout_armed = 0;
	REG(SYST_CSR) = 0;
	REG(SCB_ICSR) = ICSR_PENDSTCLR;
}

/* Called from the fault vectors for faults taken in thread mode. */
void arch_fault(uint32_t cause, const uint32_t *r4_r11)
{
	uint32_t cfsr = REG(SCB_CFSR);
	uint32_t *frame = (uint32_t *)arch_psp_get();
	uint32_t addr = 0;

	if (cfsr & CFSR_NOFRAME) {
		frame = 0;
		/* An svc whose frame could not be pushed leaves SVCall pending behind
		 * this fault (same priority, higher number): it must never run, or
		 * it would take whatever the stack pointer names for a frame. */
		REG(SCB_SHCSR) &= ~SHCSR_SVCALLPENDED;
	}
	if (cause == COS_FAULT_MEM && (cfsr & CFSR_MMARVALID))
		addr = REG(SCB_MMFAR);
	else if (cause == COS_FAULT_BUS && (cfsr & CFSR_BFARVALID))
		addr = REG(SCB_BFAR);
	else if (frame && (cfsr & CFSR_IACCVIOL))
		addr = frame[6]; /* an instruction fetch: the address is the pc */
	REG(SCB_CFSR) = cfsr; /* write one to clear */
	REG(SCB_HFSR) = REG(SCB_HFSR);
	kfault(cause, addr, frame, r4_r11);
}

/* A non-maskable interrupt: nothing on this board should raise one. */
void arch_nmi(void)
{
	kpanic("unexpected NMI");
}

/* A fault in the kernel itself: report and stop. */
void arch_kernel_fault(uint32_t cause, const uint32_t *frame)
{
	kprintf("kernel: fault %u in handler mode at pc %x (lr %x), CFSR %x HFSR %x MMFAR %x BFAR %x\n",
		cause, frame[6], frame[5], REG(SCB_CFSR), REG(SCB_HFSR), REG(SCB_MMFAR), REG(SCB_BFAR));
	kpanic("fault inside the kernel");
}
