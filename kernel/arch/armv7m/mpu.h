/*
 * mpu.h - ARMv7-M MPU: region validation and encoding (pure, host-testable).
 *
 * Contract: a region is 2^n bytes (32 <= 2^n <= 2^31) at a 2^n-aligned base;
 * regions of 256 bytes or more can disable any of their eight subregions but
 * not all.  Permissions are read, read+write or read+execute: never write with
 * execute, never execute on devices.  The encoded words are the RBAR (with
 * VALID and the region number, so a store selects the region itself) and the
 * RASR, ready to be stored through the alias registers.  Privileged access is
 * always read/write so the kernel is never stopped by a component's map.
 */
#ifndef MPU_H
#define MPU_H

#include <stdint.h>

#define MPU_NREGIONS 8
#define MPU_MIN_LOG2 5
#define MPU_MAX_LOG2 31
#define MPU_SUBREGION_MIN_LOG2 8

#define MPU_RBAR_VALID   (1u << 4)
#define MPU_RASR_ENABLE  1u
#define MPU_RASR_SIZE(log2) (((uint32_t)(log2) - 1u) << 1)
#define MPU_RASR_SRD(srd) ((uint32_t)(srd) << 8)
#define MPU_RASR_B       (1u << 16)
#define MPU_RASR_C       (1u << 17)
#define MPU_RASR_S       (1u << 18)
#define MPU_RASR_AP_RO   (2u << 24) /* privileged RW, unprivileged RO */
#define MPU_RASR_AP_RW   (3u << 24) /* privileged RW, unprivileged RW */
#define MPU_RASR_XN      (1u << 28)

/* Validate region `attr` (COS_REGION_ATTR) at `base` for memory of `kind`
 * (COS_MEM_*) and produce the register words for MPU region `region`. */
int mpu_region_encode(uint32_t region, uint32_t base, uint32_t attr, uint32_t kind,
		      uint32_t *rbar, uint32_t *rasr);

/* The words of a disabled region. */
static inline uint32_t mpu_rbar_disabled(uint32_t region) { return MPU_RBAR_VALID | region; }

/* Decoded extent of an enabled region: base, size, and disabled-subregion mask. */
void mpu_region_decode(uint32_t rbar, uint32_t rasr, uint32_t *base, uint32_t *size, uint32_t *srd);

/*
 * Enabled pieces of a region: the whole region when it has no disabled
 * subregions (or is too small to have any), otherwise each enabled eighth.  Piece i (0..7) is [*pbase, *pbase+*psize);
 * returns 0 when piece i does not exist or is disabled.
 */
int mpu_region_piece(uint32_t base, uint32_t size, uint32_t srd, uint32_t i,
		     uint32_t *pbase, uint32_t *psize);

#endif
