/* mpu.c - ARMv7-M region validation and encoding. */
#include "mpu.h"
#include <cos/kabi.h>

int mpu_region_encode(uint32_t region, uint32_t base, uint32_t attr, uint32_t kind,
		      uint32_t *rbar, uint32_t *rasr)
{
	uint32_t log2 = attr & 0x1fu;
	uint32_t srd = (attr >> 8) & 0xffu;
	uint32_t perms = (attr >> 16) & 7u;
	uint32_t word;

	if (region >= MPU_NREGIONS || (attr & ~0x7ff1fu) != 0)
		return COS_EINVAL;
	if (log2 < MPU_MIN_LOG2 || log2 > MPU_MAX_LOG2)
		return COS_EALIGN;
	if ((base & ((1u << log2) - 1u)) != 0)
		return COS_EALIGN;
	if (srd != 0 && (log2 < MPU_SUBREGION_MIN_LOG2 || srd == 0xffu))
		return COS_EALIGN;
	if (!(perms & COS_R_READ))
		return COS_EPERMS; /* the MPU has no write-only or execute-only */
	if ((perms & COS_R_WRITE) && (perms & COS_R_EXEC))
		return COS_EPERMS;

	word = MPU_RASR_ENABLE | MPU_RASR_SIZE(log2) | MPU_RASR_SRD(srd);
	word |= (perms & COS_R_WRITE) ? MPU_RASR_AP_RW : MPU_RASR_AP_RO;
	if (!(perms & COS_R_EXEC))
		word |= MPU_RASR_XN;
	switch (kind) {
	case COS_MEM_POOL:   /* internal SRAM: normal, shareable, write-through */
		word |= MPU_RASR_S | MPU_RASR_C;
		break;
	case COS_MEM_FLASH:  /* normal, not shareable, write-through */
		word |= MPU_RASR_C;
		break;
	case COS_MEM_DEVICE: /* shared device */
		if (perms & COS_R_EXEC)
			return COS_EPERMS;
		word |= MPU_RASR_S | MPU_RASR_B;
		break;
	default:
		return COS_EINVAL;
	}
	*rbar = base | MPU_RBAR_VALID | region;
	*rasr = word;
	return COS_OK;
}

void mpu_region_decode(uint32_t rbar, uint32_t rasr, uint32_t *base, uint32_t *size, uint32_t *srd)
{
	uint32_t log2 = ((rasr >> 1) & 0x1fu) + 1u;

	*size = log2 >= 32 ? 0 : 1u << log2;
	*base = rbar & ~((*size ? *size : 1u) - 1u) & ~0x1fu;
	*srd = (rasr >> 8) & 0xffu;
}

int mpu_region_piece(uint32_t base, uint32_t size, uint32_t srd, uint32_t i,
		     uint32_t *pbase, uint32_t *psize)
{
	if (size < (1u << MPU_SUBREGION_MIN_LOG2) || srd == 0) {
		if (i != 0)
			return 0;
		*pbase = base;
		*psize = size;
		return 1;
	}
	if (i >= 8 || (srd & (1u << i)))
		return 0;
	*psize = size >> 3;
	*pbase = base + i * *psize;
	return 1;
}
