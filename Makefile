# lca4ai — the two commands of the README:
#   make demo   installs everything (Debian packages, .venv with `pip install .`) and runs the flagship scenario
#   make test   runs every test (C++ and Python, examples and validation), setting up first if needed
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
VPY := $(VENV)/bin/python
BUILD := build/cmake
JOBS ?= $(shell nproc)

APT_PACKAGES := build-essential cmake ninja-build pkg-config libeigen3-dev libyaml-cpp-dev libboost-dev \
                libfmt-dev catch2 nlohmann-json3-dev libcli11-dev librandom123-dev libssl-dev chromium

.PHONY: demo test setup system venv build test-cpp test-python sanitize clean

demo: setup
	@$(VENV)/bin/lca4ai run scenarios/llm-lifecycle.yaml

test: setup build test-cpp test-python

setup: system venv

# Debian packages, installed only when one is missing (apt-get update once, then install).
system:
	@dpkg -s $(APT_PACKAGES) >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(APT_PACKAGES) >/dev/null; }
	@$(PYTHON) -c "import venv, ensurepip" 2>/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv python3-dev >/dev/null; }

# The virtual environment with the package built by scikit-build-core (engine, CLI and module).
venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml requirements-test.txt CMakeLists.txt $(shell find engine bindings inventories -type f 2>/dev/null)
	@test -x $(VPY) || $(PYTHON) -m venv $(VENV)
	@$(VPY) -m pip install -q -r requirements-test.txt
	@$(VPY) -m pip install -q .
	@touch $@

# The C++ build with the Catch2 tests (same sources as the wheel).
build:
	@cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release -DLCA4AI_TESTS=ON >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

test-cpp: build
	@cd $(BUILD) && LCA4AI_DATA=$(CURDIR)/inventories ctest --output-on-failure -j $(JOBS)

test-python: venv
	@PATH=$(CURDIR)/$(VENV)/bin:$$PATH $(VPY) -m pytest -q tests/python

# The C++ suite again under AddressSanitizer and UndefinedBehaviorSanitizer.
sanitize: system
	@cmake -S . -B build/asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DLCA4AI_TESTS=ON -DLCA4AI_SANITIZE=ON >/dev/null
	@cmake --build build/asan -j $(JOBS)
	@cd build/asan && LCA4AI_DATA=$(CURDIR)/inventories ctest --output-on-failure -j $(JOBS)

clean:
	rm -rf build $(VENV)
