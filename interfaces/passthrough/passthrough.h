/*
 * passthrough.h - the "passthrough" and "passthrough_ctl" interfaces: device
 * passthrough (docs/passthrough.md).  Included by the generated cos_gen.h of
 * every component that uses or serves them.
 *
 * Contract: a device is named by its board index (BOARD_DEV_* in board.h).
 * Every function returns COS_OK (0) or a value >= 0 as documented in
 * interface.toml, or a negative error: one of PASSTHROUGH_E* below (each its
 * own number, none equal to a kernel error COS_E*), or a kernel error the
 * manager met (then nothing changed).
 */
#ifndef PASSTHROUGH_INTERFACE_H
#define PASSTHROUGH_INTERFACE_H

#include <stdint.h>

#define PASSTHROUGH_EREFUSED -32 /* the board's filter does not give this device to the caller */
#define PASSTHROUGH_EBUSY    -33 /* another component holds the device now */
#define PASSTHROUGH_ENOTHELD -34 /* the caller (revoke: anybody) does not hold the device */
#define PASSTHROUGH_EHELD    -35 /* the caller holds the device already */
#define PASSTHROUGH_EREVOKED -36 /* the device was revoked from the caller (release, held) */

/*
 * The manager's side: one grant per (component, device) the board's filter
 * and the graph allow, generated into the manager's cos_srv.c as
 * cos_pt_grants[COS_PT_NGRANTS].  Slots are in the manager's table.
 */
struct passthrough_grant {
	const char *client_name, *device_name; /* for its messages */
	uint32_t client;  /* the caller's index among the clients of passthrough (the functions' last argument) */
	uint32_t comp_id; /* the client's component id */
	uint32_t device;  /* board device index */
	uint32_t region;  /* MPU region of the client's memory table reserved for it */
	uint32_t base;    /* the device's MMIO */
	uint32_t attr;    /* COS_REGION_ATTR(log2 size, 0, read/write) */
	uint32_t mem;     /* slot: the device's memory capability */
	uint32_t memtbl;  /* slot: the client's memory table */
	uint32_t snd;     /* slot: send end of the endpoint of the client's receiving thread, or 0: none */
	uint32_t irq;     /* the device's interrupt line (with snd) */
};

#endif
