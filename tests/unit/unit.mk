# unit.mk - host unit tests of the kernel's pure-logic sources.
#
# Include it from the top-level Makefile (define BUILD first, or build/ is used):
#     include tests/unit/unit.mk
# or use it alone from the repository root:
#     make -f tests/unit/unit.mk BUILD=build/host unit-test
#
# Defines UNIT_TESTS (the test binaries, under $(BUILD)/unit/) and the phony
# targets unit-test (build, then run every binary even when one fails, then
# print `unit: N passed, N failed`; fails when anything failed) and
# unit-clean.  Every variable it defines starts with UNIT_, except HOSTCC
# (and BUILD when it was not defined).

UNIT_MK_DIR := $(patsubst %/,%,$(dir $(lastword $(MAKEFILE_LIST))))
UNIT_ROOT := $(patsubst $(CURDIR)/%,%,$(abspath $(UNIT_MK_DIR)/../..))
UNIT_ROOT := $(if $(filter $(CURDIR),$(UNIT_ROOT)),.,$(UNIT_ROOT))
UNIT_STANDALONE := $(if $(filter 1,$(words $(MAKEFILE_LIST))),yes,)
UNIT_SAVED_GOAL := $(.DEFAULT_GOAL)

BUILD ?= build
HOSTCC ?= gcc

UNIT_CFLAGS := -std=c11 -Wall -Wextra -Werror -fsanitize=address,undefined \
	-fno-sanitize-recover=all -g
UNIT_CPPFLAGS := -I$(UNIT_ROOT)/kernel -I$(UNIT_ROOT)/kernel/include \
	-I$(UNIT_ROOT)/kernel/arch/armv7m
UNIT_LDFLAGS := -fsanitize=address,undefined

# The kernel sources with no target dependencies.
UNIT_KSRCS := kernel/kmem.c kernel/captbl.c kernel/memtbl.c kernel/kstring.c \
	kernel/arch/armv7m/mpu.c
UNIT_NAMES := test_kmem test_captbl test_mpu test_memtbl test_invstk

UNIT_OUT := $(BUILD)/unit
UNIT_KOBJS := $(addprefix $(UNIT_OUT)/obj/,$(UNIT_KSRCS:.c=.o))
UNIT_TOBJS := $(addprefix $(UNIT_OUT)/obj/,$(UNIT_NAMES:=.o))
UNIT_TESTS := $(addprefix $(UNIT_OUT)/,$(UNIT_NAMES))
UNIT_DEPS := $(UNIT_KOBJS:.o=.d) $(UNIT_TOBJS:.o=.d)

$(UNIT_KOBJS): $(UNIT_OUT)/obj/%.o: $(UNIT_ROOT)/%.c
	@mkdir -p $(@D)
	$(HOSTCC) $(UNIT_CFLAGS) $(UNIT_CPPFLAGS) -MMD -MP -c $< -o $@

$(UNIT_TOBJS): $(UNIT_OUT)/obj/%.o: $(UNIT_MK_DIR)/%.c
	@mkdir -p $(@D)
	$(HOSTCC) $(UNIT_CFLAGS) $(UNIT_CPPFLAGS) -MMD -MP -c $< -o $@

$(UNIT_TESTS): $(UNIT_OUT)/%: $(UNIT_OUT)/obj/%.o $(UNIT_KOBJS)
	$(HOSTCC) $(UNIT_LDFLAGS) $^ -o $@

-include $(UNIT_DEPS)

# Host tests of components' logic: each component folder with a host test
# adds tests/unit/<name>.mk, which appends its binary to UNIT_TESTS and gives
# its build rule (built with UNIT_CFLAGS: sanitizers, -Werror).
-include $(wildcard $(UNIT_MK_DIR)/*.mk.d/*.mk) $(filter-out $(UNIT_MK_DIR)/unit.mk,$(wildcard $(UNIT_MK_DIR)/*.mk))

# Run each binary, show its output, and add up the summary lines.  A binary
# that dies before its summary, or exits nonzero with no failure counted
# (e.g. a sanitizer report at exit), counts as one failure.
.PHONY: unit-test unit-clean
unit-test: $(UNIT_TESTS)
	@passed=0; failed=0; \
	for t in $(UNIT_TESTS); do \
		name=$${t##*/}; \
		out=$$($$t 2>&1); rc=$$?; \
		re="^$$name: [0-9]* passed, [0-9]* failed\$$"; \
		printf '%s\n' "$$out" | grep -v "$$re"; \
		sum=$$(printf '%s\n' "$$out" | grep "$$re" | tail -n 1); \
		if [ -z "$$sum" ]; then \
			echo "$$name: no summary line (exit status $$rc)"; \
			failed=$$((failed + 1)); continue; \
		fi; \
		echo "$$sum"; \
		p=$$(echo "$$sum" | sed 's/.*: \([0-9]*\) passed, \([0-9]*\) failed$$/\1/'); \
		f=$$(echo "$$sum" | sed 's/.*: \([0-9]*\) passed, \([0-9]*\) failed$$/\2/'); \
		passed=$$((passed + p)); failed=$$((failed + f)); \
		if [ $$rc -ne 0 ] && [ $$f -eq 0 ]; then \
			echo "$$name: exit status $$rc with no failed check"; \
			failed=$$((failed + 1)); \
		fi; \
	done; \
	echo "unit: $$passed passed, $$failed failed"; \
	[ $$failed -eq 0 ]

unit-clean:
	rm -rf $(UNIT_OUT)

# Alone, `make -f tests/unit/unit.mk` runs the tests; included, the includer
# keeps its own default goal.
ifeq ($(UNIT_STANDALONE),yes)
.DEFAULT_GOAL := unit-test
else
.DEFAULT_GOAL := $(UNIT_SAVED_GOAL)
endif
