/*
 * test_mpu.c - ARMv7-M MPU region validation and encoding.
 *
 * Expected register words are written out as numbers from the ARMv7-M
 * Architecture Reference Manual (B3.5.8 MPU_RBAR, B3.5.9 MPU_RASR), not
 * from the MPU_* macros under test:
 *   RBAR: ADDR bits 31:5, VALID bit 4, REGION bits 3:0
 *   RASR: ENABLE bit 0, SIZE bits 5:1 (= log2 size - 1), SRD bits 15:8,
 *         B bit 16, C bit 17, S bit 18, TEX bits 21:19, AP bits 26:24
 *         (0b010 priv RW / unpriv RO, 0b011 RW / RW), XN bit 28
 */
#include <stdint.h>

#include "check.h"
#include "mpu.h"
#include <cos/kabi.h>

#define R COS_R_READ
#define W COS_R_WRITE
#define X COS_R_EXEC

#define RASR_ENABLE  0x00000001u
#define RASR_SIZE(n) ((uint32_t)((n) - 1) << 1)
#define RASR_SRD(m)  ((uint32_t)(m) << 8)
#define RASR_B       0x00010000u
#define RASR_C       0x00020000u
#define RASR_S       0x00040000u
#define RASR_AP_RO   0x02000000u
#define RASR_AP_RW   0x03000000u
#define RASR_XN      0x10000000u

/* Encode expecting `err`; on error the outputs must be left alone. */
static void expect_err(uint32_t region, uint32_t base, uint32_t attr, uint32_t kind, int err,
		       const char *file, int line)
{
	uint32_t rbar = 0x5eed5eedu, rasr = 0xfeedfeedu;
	int got = mpu_region_encode(region, base, attr, kind, &rbar, &rasr);

	check_eq(got, err, "mpu_region_encode(...)", "expected error", file, line);
	check_eq(rbar, 0x5eed5eedu, "rbar", "untouched", file, line);
	check_eq(rasr, 0xfeedfeedu, "rasr", "untouched", file, line);
}
#define EXPECT_ERR(region, base, attr, kind, err) \
	expect_err(region, base, attr, kind, err, __FILE__, __LINE__)

static void test_refusals(void)
{
	const uint32_t ok_attr = COS_REGION_ATTR(10, 0, R | W);
	uint32_t rbar = 0, rasr = 0, bit;

	/* A valid baseline, so each refusal below is due to the one thing changed. */
	CHECK_EQ(mpu_region_encode(0, 0x20000400u, ok_attr, COS_MEM_POOL, &rbar, &rasr), COS_OK);
	CHECK_EQ(mpu_region_encode(7, 0x20000400u, ok_attr, COS_MEM_POOL, &rbar, &rasr), COS_OK);

	/* Region number. */
	EXPECT_ERR(8, 0x20000400u, ok_attr, COS_MEM_POOL, COS_EINVAL);
	EXPECT_ERR(16, 0x20000400u, ok_attr, COS_MEM_POOL, COS_EINVAL);
	EXPECT_ERR(0xffffffffu, 0x20000400u, ok_attr, COS_MEM_POOL, COS_EINVAL);

	/* Reserved attribute bits: 5-7 and 19-31. */
	for (bit = 5; bit <= 7; bit++)
		EXPECT_ERR(0, 0x20000400u, ok_attr | (1u << bit), COS_MEM_POOL, COS_EINVAL);
	for (bit = 19; bit <= 31; bit++)
		EXPECT_ERR(0, 0x20000400u, ok_attr | (1u << bit), COS_MEM_POOL, COS_EINVAL);

	/* Size: log2 5..31. */
	EXPECT_ERR(0, 0, COS_REGION_ATTR(0, 0, R), COS_MEM_POOL, COS_EALIGN);
	EXPECT_ERR(0, 0, COS_REGION_ATTR(1, 0, R), COS_MEM_POOL, COS_EALIGN);
	EXPECT_ERR(0, 0, COS_REGION_ATTR(4, 0, R), COS_MEM_POOL, COS_EALIGN);
	CHECK_EQ(mpu_region_encode(0, 0, COS_REGION_ATTR(5, 0, R), COS_MEM_POOL, &rbar, &rasr), COS_OK);
	CHECK_EQ(mpu_region_encode(0, 0, COS_REGION_ATTR(31, 0, R), COS_MEM_POOL, &rbar, &rasr), COS_OK);
	CHECK_EQ(mpu_region_encode(0, 0x80000000u, COS_REGION_ATTR(31, 0, R), COS_MEM_POOL, &rbar, &rasr),
		 COS_OK);

	/* Base aligned to the size. */
	EXPECT_ERR(0, 0x20000200u, ok_attr, COS_MEM_POOL, COS_EALIGN);   /* 512-aligned, 1K region */
	EXPECT_ERR(0, 0x20000401u, ok_attr, COS_MEM_POOL, COS_EALIGN);
	EXPECT_ERR(0, 0x20000410u, ok_attr, COS_MEM_POOL, COS_EALIGN);   /* would collide with VALID */
	EXPECT_ERR(0, 0x20000404u, ok_attr, COS_MEM_POOL, COS_EALIGN);   /* would collide with REGION */
	EXPECT_ERR(0, 0x00000010u, COS_REGION_ATTR(5, 0, R), COS_MEM_POOL, COS_EALIGN);
	EXPECT_ERR(0, 0x40000000u, COS_REGION_ATTR(31, 0, R), COS_MEM_POOL, COS_EALIGN);

	/* Subregions: only from 256 bytes, never all eight disabled. */
	EXPECT_ERR(0, 0, COS_REGION_ATTR(7, 0x01, R), COS_MEM_POOL, COS_EALIGN);
	EXPECT_ERR(0, 0, COS_REGION_ATTR(5, 0x80, R), COS_MEM_POOL, COS_EALIGN);
	EXPECT_ERR(0, 0, COS_REGION_ATTR(8, 0xff, R), COS_MEM_POOL, COS_EALIGN);
	EXPECT_ERR(0, 0, COS_REGION_ATTR(20, 0xff, R), COS_MEM_POOL, COS_EALIGN);
	CHECK_EQ(mpu_region_encode(0, 0, COS_REGION_ATTR(8, 0x7f, R), COS_MEM_POOL, &rbar, &rasr), COS_OK);
	CHECK_EQ(mpu_region_encode(0, 0, COS_REGION_ATTR(8, 0xfe, R), COS_MEM_POOL, &rbar, &rasr), COS_OK);

	/* Permissions: read always; never write with execute. */
	EXPECT_ERR(0, 0x20000400u, COS_REGION_ATTR(10, 0, 0), COS_MEM_POOL, COS_EPERMS);
	EXPECT_ERR(0, 0x20000400u, COS_REGION_ATTR(10, 0, W), COS_MEM_POOL, COS_EPERMS);
	EXPECT_ERR(0, 0x20000400u, COS_REGION_ATTR(10, 0, X), COS_MEM_POOL, COS_EPERMS);
	EXPECT_ERR(0, 0x20000400u, COS_REGION_ATTR(10, 0, W | X), COS_MEM_POOL, COS_EPERMS);
	EXPECT_ERR(0, 0x20000400u, COS_REGION_ATTR(10, 0, R | W | X), COS_MEM_POOL, COS_EPERMS);
	EXPECT_ERR(0, 0x08000000u, COS_REGION_ATTR(10, 0, R | W | X), COS_MEM_FLASH, COS_EPERMS);
	/* Never execute on devices. */
	EXPECT_ERR(0, 0x40000000u, COS_REGION_ATTR(10, 0, R | X), COS_MEM_DEVICE, COS_EPERMS);
	CHECK_EQ(mpu_region_encode(0, 0x40000000u, COS_REGION_ATTR(10, 0, R | W), COS_MEM_DEVICE,
				   &rbar, &rasr), COS_OK);

	/* Unknown kind of memory. */
	EXPECT_ERR(0, 0x20000400u, ok_attr, 0, COS_EINVAL);
	EXPECT_ERR(0, 0x20000400u, ok_attr, 4, COS_EINVAL);
	EXPECT_ERR(0, 0x20000400u, ok_attr, 0xffffffffu, COS_EINVAL);
	EXPECT_ERR(0, 0x20000400u, COS_REGION_ATTR(10, 0, R | X), 7, COS_EINVAL);
}

static void test_encodings(void)
{
	uint32_t rbar, rasr;

	/* Flash, read+execute, 64 KiB at 0x08010000 in region 0:
	 * normal write-through (C), not shareable, AP RO, executable. */
	CHECK_EQ(mpu_region_encode(0, 0x08010000u, COS_REGION_ATTR(16, 0, R | X), COS_MEM_FLASH,
				   &rbar, &rasr), COS_OK);
	CHECK_EQ(rbar, 0x08010010u);
	CHECK_EQ(rasr, 0x0202001fu);
	CHECK_EQ(rasr, RASR_ENABLE | RASR_SIZE(16) | RASR_C | RASR_AP_RO);

	/* Flash, read only: the same plus XN. */
	CHECK_EQ(mpu_region_encode(1, 0x08000000u, COS_REGION_ATTR(12, 0, R), COS_MEM_FLASH,
				   &rbar, &rasr), COS_OK);
	CHECK_EQ(rbar, 0x08000011u);
	CHECK_EQ(rasr, RASR_ENABLE | RASR_SIZE(12) | RASR_C | RASR_AP_RO | RASR_XN);
	CHECK_EQ(rasr, 0x12020017u);

	/* Pool, read/write, 16 KiB at 0x20004000 in region 3 with subregions 0 and 7
	 * disabled: normal shareable write-through (S C), AP RW, XN. */
	CHECK_EQ(mpu_region_encode(3, 0x20004000u, COS_REGION_ATTR(14, 0x81, R | W), COS_MEM_POOL,
				   &rbar, &rasr), COS_OK);
	CHECK_EQ(rbar, 0x20004013u);
	CHECK_EQ(rasr, 0x1306811bu);
	CHECK_EQ(rasr, RASR_ENABLE | RASR_SIZE(14) | RASR_SRD(0x81) | RASR_S | RASR_C | RASR_AP_RW |
			       RASR_XN);

	/* Pool, read+execute, smallest region. */
	CHECK_EQ(mpu_region_encode(5, 0x20000fe0u, COS_REGION_ATTR(5, 0, R | X), COS_MEM_POOL,
				   &rbar, &rasr), COS_OK);
	CHECK_EQ(rbar, 0x20000ff5u);
	CHECK_EQ(rasr, RASR_ENABLE | RASR_SIZE(5) | RASR_S | RASR_C | RASR_AP_RO);
	CHECK_EQ(rasr, 0x02060009u);

	/* Device, read/write, 1 KiB at 0x40013800 in region 7:
	 * shared device (S B), AP RW, XN. */
	CHECK_EQ(mpu_region_encode(7, 0x40013800u, COS_REGION_ATTR(10, 0, R | W), COS_MEM_DEVICE,
				   &rbar, &rasr), COS_OK);
	CHECK_EQ(rbar, 0x40013817u);
	CHECK_EQ(rasr, 0x13050013u);
	CHECK_EQ(rasr, RASR_ENABLE | RASR_SIZE(10) | RASR_S | RASR_B | RASR_AP_RW | RASR_XN);

	/* Device, read only. */
	CHECK_EQ(mpu_region_encode(2, 0xe0000000u, COS_REGION_ATTR(8, 0, R), COS_MEM_DEVICE,
				   &rbar, &rasr), COS_OK);
	CHECK_EQ(rbar, 0xe0000012u);
	CHECK_EQ(rasr, 0x1205000fu);

	/* Largest region: 2 GiB, SIZE field 30. */
	CHECK_EQ(mpu_region_encode(4, 0x80000000u, COS_REGION_ATTR(31, 0x3c, R), COS_MEM_DEVICE,
				   &rbar, &rasr), COS_OK);
	CHECK_EQ(rbar, 0x80000014u);
	CHECK_EQ(rasr, RASR_ENABLE | (30u << 1) | RASR_SRD(0x3c) | RASR_S | RASR_B | RASR_AP_RO |
			       RASR_XN);
	CHECK_EQ((rasr >> 1) & 0x1fu, 30);

	/* TEX (bits 19-21) is always 0 and bits outside the fields are clear. */
	CHECK_EQ(rasr & 0x00380000u, 0);
	CHECK_EQ(rasr & 0xe8e000c0u, 0);

	/* Disabled regions: VALID and the region number only. */
	CHECK_EQ(mpu_rbar_disabled(0), 0x10u);
	CHECK_EQ(mpu_rbar_disabled(7), 0x17u);
}

/* Encode then decode gives back the base, the size and the mask. */
static void test_decode_roundtrip(void)
{
	static const struct {
		uint32_t region, base, log2, srd, perms, kind;
	} cases[] = {
		{ 0, 0x08010000u, 16, 0x00, R | X, COS_MEM_FLASH },
		{ 3, 0x20004000u, 14, 0x81, R | W, COS_MEM_POOL },
		{ 7, 0x40013800u, 10, 0x00, R | W, COS_MEM_DEVICE },
		{ 1, 0x20000fe0u,  5, 0x00, R,     COS_MEM_POOL },
		{ 2, 0x20000100u,  8, 0xfe, R | W, COS_MEM_POOL },
		{ 6, 0x00000000u, 31, 0x7f, R,     COS_MEM_FLASH },
		{ 5, 0x80000000u, 31, 0x00, R | W, COS_MEM_DEVICE },
		{ 4, 0x20001000u, 12, 0x0f, R | W, COS_MEM_POOL },
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		uint32_t rbar = 0, rasr = 0, base = 1, size = 1, srd = 0xdead;

		CHECK_EQ(mpu_region_encode(cases[i].region, cases[i].base,
					   COS_REGION_ATTR(cases[i].log2, cases[i].srd, cases[i].perms),
					   cases[i].kind, &rbar, &rasr), COS_OK);
		mpu_region_decode(rbar, rasr, &base, &size, &srd);
		CHECK_EQ(base, cases[i].base);
		CHECK_EQ(size, 1u << cases[i].log2);
		CHECK_EQ(srd, cases[i].srd);
	}
}

static void test_pieces(void)
{
	uint32_t pb = 0x1111, ps = 0x2222, i, n;

	/* Under 256 bytes: one piece, the whole region, whatever the mask says. */
	CHECK(mpu_region_piece(0x20000080u, 128, 0, 0, &pb, &ps));
	CHECK_EQ(pb, 0x20000080u);
	CHECK_EQ(ps, 128);
	CHECK(mpu_region_piece(0x20000020u, 32, 0xff, 0, &pb, &ps));
	CHECK_EQ(pb, 0x20000020u);
	CHECK_EQ(ps, 32);
	pb = ps = 0x3333;
	for (i = 1; i < 10; i++)
		CHECK(!mpu_region_piece(0x20000080u, 128, 0, i, &pb, &ps));
	CHECK_EQ(pb, 0x3333);
	CHECK_EQ(ps, 0x3333);

	/* 256 bytes and up with no subregion disabled: one piece, the whole region. */
	CHECK(mpu_region_piece(0x20004000u, 0x4000, 0, 0, &pb, &ps));
	CHECK_EQ(pb, 0x20004000u);
	CHECK_EQ(ps, 0x4000);
	for (i = 1; i < 9; i++)
		CHECK(!mpu_region_piece(0x20004000u, 0x4000, 0, i, &pb, &ps));

	/* With subregions disabled: the enabled eighths, disabled ones absent. */

	n = 0;
	for (i = 0; i < 8; i++) {
		pb = ps = 0;
		if (mpu_region_piece(0x20004000u, 0x4000, 0x81, i, &pb, &ps)) {
			n++;
			CHECK(i != 0 && i != 7);
			CHECK_EQ(pb, 0x20004000u + i * 0x800);
			CHECK_EQ(ps, 0x800);
		}
	}
	CHECK_EQ(n, 6);
	CHECK(!mpu_region_piece(0x20004000u, 0x4000, 0x81, 0, &pb, &ps));
	CHECK(!mpu_region_piece(0x20004000u, 0x4000, 0x81, 7, &pb, &ps));
	CHECK(!mpu_region_piece(0x20004000u, 0x4000, 0x81, 8, &pb, &ps));
	CHECK(!mpu_region_piece(0x20004000u, 0x4000, 0x81, 0xffffffffu, &pb, &ps));

	/* The smallest subregioned region: 32-byte pieces. */
	CHECK(mpu_region_piece(0x20000100u, 256, 0xfe, 0, &pb, &ps));
	CHECK_EQ(pb, 0x20000100u);
	CHECK_EQ(ps, 32);
	CHECK(!mpu_region_piece(0x20000100u, 256, 0xfe, 1, &pb, &ps));
	CHECK(mpu_region_piece(0x20000100u, 256, 0x7f, 7, &pb, &ps));
	CHECK_EQ(pb, 0x20000100u + 7 * 32);
	CHECK_EQ(ps, 32);

	/* The largest region: the top piece ends exactly at 2^32. */
	CHECK(mpu_region_piece(0x80000000u, 0x80000000u, 0x01, 7, &pb, &ps));
	CHECK_EQ(pb, 0xf0000000u);
	CHECK_EQ(ps, 0x10000000u);
}

int main(int argc, char **argv)
{
	(void)argc;
	test_refusals();
	test_encodings();
	test_decode_roundtrip();
	test_pieces();
	return check_summary(argv[0]);
}
