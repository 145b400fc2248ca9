# Puratan Studio: the two commands of the set-up contract.
#   make run    install missing Debian packages, build, start the studio
#   make check  the same set-up, then every test suite, then unit+ui again under ASan/UBSan
#
# Other targets: deps, build, test, sanitize, format, install, clean.

BUILD_DIR    ?= build
SANITIZE_DIR ?= build-sanitize
MESON        ?= meson
MESON_TEST_FLAGS ?= --print-errorlogs --num-processes 2

.PHONY: all deps setup build run check test sanitize format install clean

all: build

deps:
	@./build-aux/install-deps.sh

$(BUILD_DIR)/build.ninja:
	$(MESON) setup $(BUILD_DIR) --werror

setup: deps $(BUILD_DIR)/build.ninja

build: setup
	$(MESON) compile -C $(BUILD_DIR)

run: build
	@./build-aux/run-studio.sh $(BUILD_DIR)

test: build
	$(MESON) test -C $(BUILD_DIR) $(MESON_TEST_FLAGS)

# Unit and UI suites again with clang's AddressSanitizer and UndefinedBehaviorSanitizer.
# Building with clang here also proves the tree is warning-free under both compilers.
$(SANITIZE_DIR)/build.ninja:
	CC=clang $(MESON) setup $(SANITIZE_DIR) --werror \
	  -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debug

sanitize: deps $(SANITIZE_DIR)/build.ninja
	$(MESON) compile -C $(SANITIZE_DIR)
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  $(MESON) test -C $(SANITIZE_DIR) $(MESON_TEST_FLAGS) --suite unit --suite ui

check: test sanitize

format:
	clang-format -i $$(git ls-files 'src/*.c' 'src/*.h' 'tests/*.c' 'tests/*.h' 'bench/*.c')

install: build
	$(MESON) install -C $(BUILD_DIR)

clean:
	rm -rf $(BUILD_DIR) $(SANITIZE_DIR)
