# cos: a capability-based microkernel for MPU microcontrollers.
# make [all|run|test|bench|debug|clean] [BOARD=netduinoplus2]

BOARD ?= netduinoplus2
include boards/$(BOARD)/board.mk

B := build/$(BOARD)
CROSS := arm-none-eabi-
CC := $(CROSS)gcc
OBJCOPY := $(CROSS)objcopy
SIZE := $(CROSS)size
PYTHON := python3
TIMEOUT ?= 60

WARN := -Wall -Wextra -Werror
TARGET_CFLAGS := -std=c11 $(WARN) -O2 -g $(CPU_FLAGS) -ffreestanding -fno-builtin -fno-common \
	-ffunction-sections -fdata-sections -fno-tree-loop-distribute-patterns
KERNEL_INC := -Ikernel -Ikernel/include -Ikernel/arch/$(ARCH) -Iboards/$(BOARD)
# Components see musl's headers (and GCC's own, such as stdatomic.h), never
# newlib's; the kernel stays freestanding.  GCC's folder is asked for once,
# when first needed (after the set-up step has installed the compiler).
MUSL := $(B)/musl
GCC_INC = $(eval GCC_INC := $(shell $(CC) -print-file-name=include))$(GCC_INC)
COMP_INC = -nostdinc -isystem $(MUSL)/include -isystem $(GCC_INC) \
	-Ilibcos/include -Ikernel/include -Iboards/$(BOARD) -Icomponents/booter -Itests/system/common

.PHONY: all images run test bench debug clean setup lint graph graph-check
all: images

# ---- the kernel ----
KERNEL_SRCS := $(wildcard kernel/*.c) $(wildcard kernel/arch/$(ARCH)/*.c) $(wildcard boards/$(BOARD)/*.c)
KERNEL_OBJS := $(patsubst %.c,$(B)/k/%.o,$(KERNEL_SRCS)) $(B)/k/kernel/arch/$(ARCH)/entry.o

$(B)/k/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(TARGET_CFLAGS) $(KERNEL_INC) -MMD -MP -c $< -o $@
$(B)/k/%.o: %.S
	@mkdir -p $(dir $@)
	$(CC) $(CPU_FLAGS) $(KERNEL_INC) -MMD -MP -c $< -o $@

# ---- libcos ----
LIBCOS_SRCS := $(wildcard libcos/*.c) $(wildcard libcos/*.S)
LIBCOS_OBJS := $(patsubst %,$(B)/u/%.o,$(LIBCOS_SRCS))
$(B)/libcos.a: $(LIBCOS_OBJS)
	rm -f $@
	$(CROSS)ar rcs $@ $^

# ---- musl: the components' C library (docs/libc.md) ----
# tools/musl.sh fetches Debian's source package into build/musl-src (once),
# applies libcos/musl/'s patch and builds libc.a for the board's CPU into
# $(MUSL) (once per patch, compiler and flags); $(MUSL_STAMP) stands for it.
MUSL_STAMP := $(MUSL)/.stamp
$(MUSL_STAMP): tools/musl.sh $(wildcard libcos/musl/*.patch) boards/$(BOARD)/board.mk
	tools/musl.sh build build/musl-src $(MUSL) $(CC) "$(CPU_FLAGS)"
	@touch $@

# Component code: compiled once, linked into each place it is used.
$(B)/u/%.c.o: %.c | $(MUSL_STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(TARGET_CFLAGS) $(COMP_INC) -MMD -MP -c $< -o $@
$(B)/u/%.S.o: %.S | $(MUSL_STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(CPU_FLAGS) $(COMP_INC) -MMD -MP -c $< -o $@

BOOTER_LIB_SRCS := components/booter/booter.c $(wildcard tests/system/common/booter/*.c)
# What every component links after its own objects: libcos and musl need
# each other (crt0 starts musl, musl's system calls are libcos'), hence the group.
COMP_LINK_DEPS := $(B)/libcos.a $(MUSL_STAMP)
# (musl's objects say their stack is not executable, the others say nothing.)
COMP_LINK_LIBS := -Wl,--start-group $(B)/libcos.a $(MUSL)/lib/libc.a -lgcc -Wl,--end-group -Wl,-z,noexecstack
# Run after a component's link, with its own objects: library code in it may
# not trap as a Linux call (svc 0) nor touch cp15 or kuser helpers.
COMP_LINK_CHECK = tools/musl.sh check $@ $(filter %.o,$^) || { rm -f $@; exit 1; }
TEST_COMMON_SRCS := $(wildcard tests/system/common/*.c)

# ---- images ----
# An image is a folder with image.mk: BOOTER := sources of its booter,
# SLOTS := slot:source ... (one component per slot; a source may repeat).
# $(call image,NAME,DIR)
define image
$(eval SLOTS :=)$(eval BOOTER :=)$(eval include $(2)/image.mk)
IMG_$(1)_DIR := $(2)
IMG_$(1)_BLOBS := $(B)/img/$(1)/booter.blob.o $(foreach s,$(SLOTS),$(B)/img/$(1)/s$(word 1,$(subst :, ,$(s))).blob.o)
$(B)/img/$(1)/booter.elf: $(patsubst %,$(B)/u/%.o,$(addprefix $(2)/,$(BOOTER)) $(BOOTER_LIB_SRCS) $(TEST_COMMON_SRCS)) $(COMP_LINK_DEPS) $(B)/img/$(1)/booter.ld
	$$(CC) $$(CPU_FLAGS) -nostdlib -Wl,--gc-sections -T $(B)/img/$(1)/booter.ld -o $$@ $$(filter %.o,$$^) $$(COMP_LINK_LIBS)
	$$(COMP_LINK_CHECK)
$(B)/img/$(1)/booter.ld: libcos/comp.ld.in boards/$(BOARD)/layout.h kernel/include/cos/image.h Makefile
	@mkdir -p $$(dir $$@)
	$$(CC) -E -P -x c $$(COMP_INC) -DCOMP_FLASH=LAYOUT_BOOTER_FLASH -DCOMP_FLASH_SIZE=LAYOUT_BOOTER_FLASH_SIZE \
		-DCOMP_RAM=LAYOUT_BOOTER_RAM -DCOMP_RAM_SIZE=LAYOUT_BOOTER_RAM_SIZE -D__ASSEMBLER__ $$< -o $$@
$(foreach s,$(SLOTS),$(eval $(call slot,$(1),$(2),$(word 1,$(subst :, ,$(s))),$(word 2,$(subst :, ,$(s))))))
$(B)/img/$(1)/image.elf: $(KERNEL_OBJS) $$(IMG_$(1)_BLOBS) $(B)/image.ld $(B)/kernel.ld
	$$(CC) $$(CPU_FLAGS) -nostdlib -Wl,--gc-sections -L$(B) -T $(B)/image.ld -o $$@ $$(filter %.o,$$^) -lgcc
IMAGES += $(B)/img/$(1)/image.elf
endef

# $(call slot,IMAGE,DIR,SLOT,SOURCE)
define slot
$(B)/img/$(1)/s$(3).elf: $(B)/u/$(2)/$(4).o $(patsubst %,$(B)/u/%.o,$(TEST_COMMON_SRCS)) $(COMP_LINK_DEPS) $(B)/img/$(1)/s$(3).ld
	$$(CC) $$(CPU_FLAGS) -nostdlib -Wl,--gc-sections -T $(B)/img/$(1)/s$(3).ld -o $$@ $$(filter %.o,$$^) $$(COMP_LINK_LIBS)
	$$(COMP_LINK_CHECK)
$(B)/img/$(1)/s$(3).ld: libcos/comp.ld.in boards/$(BOARD)/layout.h kernel/include/cos/image.h Makefile
	@mkdir -p $$(dir $$@)
	$$(CC) -E -P -x c $$(COMP_INC) -DCOMP_FLASH="LAYOUT_SLOT_FLASH($(3))" -DCOMP_FLASH_SIZE=LAYOUT_SLOT_FLASH_SIZE \
		-DCOMP_RAM="LAYOUT_SLOT_RAM($(3))" -DCOMP_RAM_SIZE=LAYOUT_SLOT_RAM_SIZE -D__ASSEMBLER__ $$< -o $$@
endef

$(B)/img/%.bin: $(B)/img/%.elf
	$(OBJCOPY) -O binary $< $@
$(B)/img/%/booter.blob.o: $(B)/img/%/booter.bin
	$(OBJCOPY) -I binary -O elf32-littlearm -B arm --rename-section .data=.comp_booter,alloc,load,readonly,data,contents $< $@
$(B)/img/%.blob.o: $(B)/img/%.bin
	$(OBJCOPY) -I binary -O elf32-littlearm -B arm \
		--rename-section .data=.comp_$(notdir $*),alloc,load,readonly,data,contents $< $@

$(B)/%.ld: boards/$(BOARD)/%.ld.in boards/$(BOARD)/board.h boards/$(BOARD)/layout.h
	@mkdir -p $(dir $@)
	$(CC) -E -P -x c -Iboards/$(BOARD) -D__ASSEMBLER__ $< -o $@

SYSTEM_TESTS := $(notdir $(patsubst %/image.mk,%,$(wildcard tests/system/*/image.mk)))
$(foreach t,$(SYSTEM_TESTS),$(eval $(call image,$(t),tests/system/$(t))))
$(eval $(call image,bench,tests/bench))

# ---- images built from component graphs (tools/compgraph) ----
# compgraph/<name>.toml and tests/graph/<name>/system.toml; the compiler
# writes build.mk with the rules of each image, which make then includes.
GRAPH_SPECS := $(wildcard compgraph/*.toml) $(wildcard tests/graph/*/system.toml) $(wildcard tests/bench/*/system.toml)
# Benchmark images built from graphs: each prints BENCH lines (make bench).
GRAPH_BENCHES := $(notdir $(patsubst %/system.toml,%,$(wildcard tests/bench/*/system.toml)))
graph_name = $(if $(filter system,$(basename $(notdir $(1)))),$(notdir $(patsubst %/,%,$(dir $(1)))),$(basename $(notdir $(1))))
# The graphs of compgraph/ are tests too (their expected lines:
# tests/graph/default/expect, tests/graph/domains/expect).
GRAPH_TESTS := $(notdir $(patsubst %/system.toml,%,$(wildcard tests/graph/*/system.toml))) default domains
COMPGRAPH_DEPS := $(wildcard tools/compgraph/*.py) $(wildcard interfaces/*/interface.toml) \
	boards/$(BOARD)/board.h boards/$(BOARD)/layout.h boards/$(BOARD)/board.toml kernel/include/cos/kabi.h \
	interfaces/sched/sched.h
define graph_rule
$(B)/graph/$(2)/build.mk: $(1) $(COMPGRAPH_DEPS)
	$$(PYTHON) tools/compgraph gen $(1) $(B)/graph/$(2)
-include $(B)/graph/$(2)/build.mk
endef
GRAPH_NAMES := $(foreach g,$(GRAPH_SPECS),$(call graph_name,$(g)))
ifneq ($(words $(GRAPH_NAMES)),$(words $(sort $(GRAPH_NAMES))))
$(error two component graphs would share a build folder: $(GRAPH_NAMES); rename one)
endif
$(foreach g,$(GRAPH_SPECS),$(eval $(call graph_rule,$(g),$(call graph_name,$(g)))))
# Their component objects, too, are compiled with musl's headers: built first.
GRAPH_ALL_OBJS := $(foreach v,$(filter GRAPH_%_OBJS,$(.VARIABLES)),$($(v)))
$(if $(GRAPH_ALL_OBJS),$(eval $(GRAPH_ALL_OBJS): | $(MUSL_STAMP)))

# A graph whose regeneration fails would leave its old build.mk (an -include
# does not stop make): check every specification first, loudly.
graph-check:
	@for g in $(GRAPH_SPECS); do $(PYTHON) tools/compgraph check $$g || exit 1; done

images: graph-check $(IMAGES) $(GRAPH_IMAGES)

# make graph [GRAPH=compgraph/default.toml]: check a specification, lay it out,
# and draw it (graph.dot; graph.svg when Graphviz's dot is installed).
GRAPH ?= $(firstword $(wildcard compgraph/default.toml) $(GRAPH_SPECS))
graph:
	@$(PYTHON) tools/compgraph gen $(GRAPH) $(B)/graph/$(call graph_name,$(GRAPH))
	@echo "graph: $(B)/graph/$(call graph_name,$(GRAPH))/graph.dot$(if $(shell command -v dot),\
		and graph.svg, (install graphviz for graph.svg))"

# ---- host unit tests ----
BUILD := $(B)
include tests/unit/unit.mk

# ---- running ----
# run, test, bench and debug first make sure the tools are installed
# (tools/setup.sh), then build in parallel.
# make run boots compgraph/default.toml and shows its output through
# tools/uartmux.py (one line per stream: [k] the kernel's console, [mux], [N]
# the UART mux's client N); DEFAULT_ELF=... boots another image, RAW=1 shows
# the serial line as it is.
DEFAULT_ELF ?= $(B)/graph/default/image.elf
QEMU_RUN = $(QEMU) $(QEMU_FLAGS)
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

setup:
	@tools/setup.sh

run: setup
	@$(MAKE) --no-print-directory -j$(JOBS) $(DEFAULT_ELF)
ifeq ($(RAW),1)
	timeout --foreground $(TIMEOUT) $(QEMU_RUN) -kernel $(DEFAULT_ELF)
else
	bash -o pipefail -c 'timeout --foreground $(TIMEOUT) $(QEMU_RUN) -kernel $(DEFAULT_ELF) | $(PYTHON) tools/uartmux.py decode -'
endif

debug: setup
	@$(MAKE) --no-print-directory -j$(JOBS) $(DEFAULT_ELF)
	@echo "QEMU waits for gdb: gdb-multiarch $(DEFAULT_ELF) -ex 'target remote :1234'"
	$(QEMU_RUN) -S -gdb tcp::1234 -kernel $(DEFAULT_ELF)

# Static analysis: cppcheck must print nothing.  Declarations stay at the top
# of their function (the kernel's style), so variableScope is not reported.
LINT := cppcheck --quiet --error-exitcode=1 --std=c11 --enable=warning,style,performance,portability \
	--suppress=variableScope --suppress=missingIncludeSystem --inline-suppr -D__arm__ \
	-Ikernel -Ikernel/include -Ikernel/arch/$(ARCH) -Iboards/$(BOARD) -Ilibcos/include \
	-Icomponents/booter -Itests/system/common kernel boards libcos components tests

lint: setup
	$(LINT)

test: setup
	@$(MAKE) --no-print-directory -j$(JOBS) images $(UNIT_TESTS)
	@$(PYTHON) tests/run.py --qemu "$(QEMU_RUN)" --timeout $(TIMEOUT) --lint "$(LINT)" \
		--unit "$(UNIT_TESTS) tests/compgraph/run_tests.py" --tests-dir tests/system --tests-dir tests/graph \
		--images "$(foreach t,$(SYSTEM_TESTS),$(t)=$(B)/img/$(t)/image.elf) \
			$(foreach t,$(GRAPH_TESTS),$(t)=$(B)/graph/$(t)/image.elf)"

bench: setup
	@$(MAKE) --no-print-directory -j$(JOBS) $(B)/img/bench/image.elf \
		$(foreach g,$(GRAPH_BENCHES),$(B)/graph/$(g)/image.elf) $(B)/graph/domains/image.elf $(B)/graph/basic/image.elf
	@$(PYTHON) tools/bench.py --qemu "$(QEMU_RUN) $(QEMU_BENCH_FLAGS)" --timeout $(TIMEOUT) \
		--image $(B)/img/bench/image.elf $(foreach g,$(GRAPH_BENCHES),--image $(B)/graph/$(g)/image.elf) \
		--graph $(B)/graph/domains --graph $(B)/graph/basic

clean:
	rm -rf build

-include $(shell find $(B) -name '*.d' 2>/dev/null)
