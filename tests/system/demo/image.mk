# The default image (make run): components calling each other, a timer
# interrupt delivered to a user-level driver, and a fault contained.
BOOTER := booter.c
SLOTS := 0:app.c 1:calc.c 2:logger.c 3:ticker.c 4:intruder.c 5:guard.c 6:idle.c
