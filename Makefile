# IncidentMap — the two commands in the README are `make demo` and `make test`.
# Every target that needs the C libraries runs scripts/setup first (idempotent,
# silent when everything is installed).

SWIFT ?= swift
BIN := .build/release/incidentmap

.PHONY: demo test test-asan setup setup-runtime build build-debug clean

## demo: set up, build (release) and run the main job on the embedded default in Geo/, writing Exports/.
demo: build
	$(BIN) map --out Exports

## test: set up, build and run the whole test suite: unit and end-to-end tests (swift test),
## the exports opened by check-layers, GDAL and headless QGIS (scripts/e2e-exports), and the
## test suite again under AddressSanitizer (make test-asan).
test: setup
	$(SWIFT) test
	scripts/e2e-exports
	$(MAKE) test-asan

## test-asan: the test suite built with AddressSanitizer (separate build folder .build-asan).
## Leak detection is off: LeakSanitizer misreads Swift's tagged enum payloads and the runtime's
## global caches as leaks; memory errors (overflows, use after free) still stop the run.
test-asan: setup
	ASAN_OPTIONS=detect_leaks=0 $(SWIFT) test --sanitize=address --scratch-path .build-asan

setup:
	@scripts/setup

setup-runtime:
	@scripts/setup --runtime

build: setup-runtime
	$(SWIFT) build -c release --product incidentmap

build-debug: setup-runtime
	$(SWIFT) build

clean:
	rm -rf .build .build-asan
