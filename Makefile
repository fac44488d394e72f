# IncidentMap — the two commands in the README are `make demo` and `make test`.
# Every target that needs the C libraries runs scripts/setup first (idempotent,
# silent when everything is installed).

SWIFT ?= swift
BIN := .build/release/incidentmap

.PHONY: demo test setup setup-runtime build build-debug clean

## demo: set up, build (release) and run the main job on the embedded default in Geo/, writing Exports/.
demo: build
	$(BIN) map --out Exports

## test: set up, build and run the whole test suite: unit and end-to-end tests (swift test),
## then the exports opened by check-layers, GDAL and headless QGIS (scripts/e2e-exports).
test: setup
	$(SWIFT) test
	scripts/e2e-exports

setup:
	@scripts/setup

setup-runtime:
	@scripts/setup --runtime

build: setup-runtime
	$(SWIFT) build -c release --product incidentmap

build-debug: setup-runtime
	$(SWIFT) build

clean:
	rm -rf .build
