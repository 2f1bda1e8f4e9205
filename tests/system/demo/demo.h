/* demo.h - what the demo's components and booter agree on. */
#ifndef DEMO_H
#define DEMO_H

#include "test.h"
#include "layout.h"
#include "board.h"

/* Thread ids (also their scheduler ids). */
enum { TID_APP = 1, TID_LISTENER, TID_TICKER, TID_INTRUDER, TID_IDLE, TID_CALC_INIT, TID_LOGGER_INIT,
       TID_GUARD_INIT };

/* Capability slots in the components (after the test slots). */
#define SLOT_CALC     TEST_SLOT_FIRST       /* app: gate to calc */
#define SLOT_LOGGER   TEST_SLOT_FIRST       /* calc: gate to logger */
#define SLOT_RCV      (TEST_SLOT_FIRST + 1) /* app, ticker: their receive end */
#define SLOT_TO_APP   (TEST_SLOT_FIRST + 2) /* ticker: send end to the app's listener */
#define SLOT_HW       (TEST_SLOT_FIRST + 3) /* ticker: interrupt lines */
#define SLOT_SELF_SND (TEST_SLOT_FIRST + 4) /* ticker: send end of its own endpoint, for the line */

#define TICKS 3
#define TICKER_IRQ ((uint32_t)board_devices_irq(BOARD_DEV_TEST_TIMER))
#define TICKER_TIM board_devices_base(BOARD_DEV_TEST_TIMER)
#define TICKER_RAM LAYOUT_SLOT_RAM(3)

#endif
