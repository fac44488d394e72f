# IncidentMap — the two commands in the README are `make demo` and `make test`.
# Every target that needs the C libraries runs scripts/setup first (idempotent,
# silent when everything is installed).

SWIFT ?= swift
BIN := .build/release/incidentmap

.PHONY: demo test test-plain check test-asan test-tsan fuzz setup setup-runtime build build-debug install clean

## demo: set up, build (release) and run the main job on the embedded default in Geo/, writing Exports/.
demo: build
	$(BIN) map --demo --out Exports

## test: set up, build and run the whole test suite: the command-line suites against the debug program (swift test
## --filter IncidentMapCLITests), the exports opened by check-layers, GDAL and headless QGIS (scripts/e2e-exports),
## SIGKILL/ENOSPC/EACCES during exports (scripts/e2e-crash), the server read by GDAL's OAPIF driver and headless
## Chromium (scripts/e2e-server), layers loaded into a throw-away PostgreSQL 15 + PostGIS 3 cluster
## (scripts/e2e-postgis, via scripts/pg-cluster), hostile inputs' growth (scripts/check-growth), a smoke run of the
## benchmark harness on 2,000 incidents (Benchmarks/run --smoke: the peers run and agree), then every in-process suite
## under AddressSanitizer and under ThreadSanitizer (make test-asan test-tsan). The in-process suites run once per
## sanitizer and not a third time plainly: the ASan pass is the same debug build with memory checks added.
## e2e-postgis runs beside the command-line suites and the other e2e scripts (scripts/lanes); check-growth, whose
## growth fits need a quiet machine, runs alone.
test:
	@scripts/setup --e2e
	$(SWIFT) build --build-tests
	scripts/lanes scripts/e2e-postgis -- "$(SWIFT) test --skip-build --filter IncidentMapCLITests" \
		scripts/e2e-exports scripts/e2e-crash scripts/e2e-server
	INCIDENTMAP_BIN=$(CURDIR)/.build/debug/incidentmap scripts/check-growth --scales 1,10 --base 0.1
	INCIDENTMAP_BIN=$(CURDIR)/.build/debug/incidentmap Benchmarks/run --smoke
	$(MAKE) test-asan
	$(MAKE) test-tsan

## test-plain: every suite in the plain debug build (what `make test` ran before the sanitizer passes took it over).
test-plain: setup
	$(SWIFT) test

## check: for developers between commits: the debug build and the in-process suites (everything but the command-line
## suites, which spawn the program, and the e2e scripts) — a few minutes after a build. `make test` is what CI runs.
check: setup
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --skip IncidentMapCLITests

## SANITIZER_SKIP: suites the sanitizer passes leave out (a regular expression for `swift test --skip`; empty for
## none). The command-line suites spawn the program 25 times, each rebuilding the gazetteer: two thirds of the suite's
## CPU time, 11 minutes under each sanitizer, for code the other suites already run under them in process. They run
## in `swift test` above and the e2e scripts; `make test-asan SANITIZER_SKIP=` runs them too (docs/ci-time.md).
SANITIZER_SKIP ?= IncidentMapCLITests
SKIP_FLAG := $(if $(SANITIZER_SKIP),--skip '$(SANITIZER_SKIP)',)

## test-asan: the test suite built with AddressSanitizer (separate build folder .build-asan).
## Leak detection is off: LeakSanitizer misreads Swift's tagged enum payloads and the runtime's
## global caches as leaks; memory errors (overflows, use after free) still stop the run.
test-asan: setup
	ASAN_OPTIONS=detect_leaks=0 $(SWIFT) test --sanitize=address --scratch-path .build-asan $(SKIP_FLAG)

## test-tsan: the test suite built with ThreadSanitizer (separate build folder .build-tsan);
## Swift Testing runs tests in parallel, so shared caches and per-thread GEOS/PROJ contexts are exercised.
## A report goes to .build-tsan/reports/ as well as the run's output, and is printed again after the run, so the
## last lines of a failed CI log hold the race's stacks (not only "reported 1 warnings").
test-tsan: setup
	rm -rf .build-tsan/reports && mkdir -p .build-tsan/reports
	TSAN_OPTIONS="log_path=$(CURDIR)/.build-tsan/reports/tsan $(TSAN_OPTIONS)" $(SWIFT) test --sanitize=thread \
		--scratch-path .build-tsan $(SKIP_FLAG) || { status=$$?; cat .build-tsan/reports/tsan* 2>/dev/null | head -150; exit $$status; }

## fuzz: libFuzzer over every reader (Fuzz/), FUZZ_SECONDS per target (default 60); not part of `test`.
##   make fuzz FUZZ_SECONDS=300            make fuzz TARGETS="shapefile query"
fuzz: setup
	FUZZ_SECONDS=$(or $(FUZZ_SECONDS),60) scripts/fuzz $(TARGETS)

setup:
	@scripts/setup

setup-runtime:
	@scripts/setup --runtime

## build: the release binary, with the Swift runtime and Foundation linked in (--static-swift-stdlib): it runs on a
## machine without the Swift toolchain (only the C libraries of scripts/setup --runtime) and starts ~20 ms sooner.
build: setup-runtime
	$(SWIFT) build -c release --product incidentmap --static-swift-stdlib

## install: the release binary to PREFIX/bin and the embedded geodata to PREFIX/share/incidentmap/Geo (found there
## by the program, wherever it is run from).   make install PREFIX=$$HOME/.local
PREFIX ?= /usr/local
install: build
	install -d "$(PREFIX)/bin" "$(PREFIX)/share/incidentmap"
	install -m 755 $(BIN) "$(PREFIX)/bin/incidentmap"
	rm -rf "$(PREFIX)/share/incidentmap/Geo"
	cp -R Geo "$(PREFIX)/share/incidentmap/Geo"

build-debug: setup-runtime
	$(SWIFT) build

clean:
	rm -rf .build .build-asan .build-tsan Fuzz/.build
