/*
 * layout.h - fixed placement of the booter and of component slots in an
 * image, until the graph compiler lays images out.  Every region is a power
 * of two and aligned to its size, as the ARMv7-M MPU requires.
 *
 * Flash: booter 32 KiB at 0x08008000, slot i 32 KiB at 0x08010000 + i*32 KiB.
 * RAM (all inside the typed-memory pool):
 *   0x20002000  booter, 8 KiB
 *   0x20004000  slot i, 4 KiB each, i < LAYOUT_NSLOTS
 *   0x2000c000  free for the booter's kernel objects and shared buffers
 */
#ifndef LAYOUT_H
#define LAYOUT_H

#define LAYOUT_BOOTER_FLASH      0x08008000
#define LAYOUT_BOOTER_FLASH_SIZE 0x8000
#define LAYOUT_BOOTER_RAM        0x20002000
#define LAYOUT_BOOTER_RAM_SIZE   0x2000
#define LAYOUT_SLOT_FLASH(i)     (0x08010000 + (i) * 0x8000)
#define LAYOUT_SLOT_FLASH_SIZE   0x8000
#define LAYOUT_SLOT_RAM(i)       (0x20004000 + (i) * 0x1000)
#define LAYOUT_SLOT_RAM_SIZE     0x1000
#define LAYOUT_NSLOTS 8
#define LAYOUT_FREE_RAM          0x2000c000

/* Inside a component's RAM: data and bss, then the initial stack, then the
 * server stacks in the top half. */
#define LAYOUT_STACK_TOP(ram, size)  ((ram) + (size) / 2)
#define LAYOUT_SRV_STACKS(ram, size) ((ram) + (size) / 2)
#define LAYOUT_SRV_STACK_LOG2 9
#define LAYOUT_DATA_MAX(size)        ((size) / 4)

#endif
