# The two commands of the README: `make demo` and `make test`. Both install what is missing,
# configure, build, and run. Everything else is plain CMake under build/.
BUILD ?= build
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
BUILD_TYPE ?= RelWithDebInfo
CMAKE_FLAGS ?=
# CI sets CI=true: warnings become errors there.
ifneq ($(CI),)
CMAKE_FLAGS += -DVESTIGE_WERROR=ON
endif

.PHONY: all deps configure build demo test asan format format-check clean

all: build

deps:
	@scripts/install-deps.sh

configure: deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) $(CMAKE_FLAGS)

build: configure
	cmake --build $(BUILD) -j$(JOBS)

demo: build
	scripts/demo.sh $(BUILD)

test: build
	scripts/install-npm-tools.sh $(BUILD)
	cd $(BUILD) && ctest --output-on-failure -j$(JOBS)

# The ASan+UBSan build and suite, in build-asan/.
asan:
	$(MAKE) test BUILD=build-asan BUILD_TYPE=Debug CMAKE_FLAGS="-DVESTIGE_SANITIZE=ON"

format:
	git ls-files '*.cc' '*.h' | xargs clang-format -i

format-check:
	git ls-files '*.cc' '*.h' | xargs clang-format --dry-run --Werror

clean:
	rm -rf $(BUILD)
