/* passthrough_ctl.h - revocation of passed-through devices: the errors and
 * constants are those of the passthrough interface (passthrough.h). */
#ifndef PASSTHROUGH_CTL_INTERFACE_H
#define PASSTHROUGH_CTL_INTERFACE_H

#include "../passthrough/passthrough.h"

#endif
