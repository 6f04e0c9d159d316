# Partner portal. `make run` starts it with demo data; `make test` runs every test.
ADDR ?= 127.0.0.1:8080
DB ?= data/portal.db
GO ?= go
export GOTOOLCHAIN ?= local

.PHONY: build run test generate check-generated vet lint check-tidy test-go test-pg bench bench-data fuzz clean

build: generate
	$(GO) build -o bin/portal ./cmd/portal

run: build
	./bin/portal --demo --addr $(ADDR) --db $(DB)

generate:
	$(GO) tool templ generate -log-level warn -path views

# check-generated fails when the committed *_templ.go files are not what
# `templ generate` makes from the .templ files.
check-generated:
	@$(GO) tool templ generate -log-level warn -path views
	@if [ -d .git ] && ! git diff --quiet -- 'views/*_templ.go' 'views/**/*_templ.go'; then \
		echo "generated templ files are out of date: run 'make generate' and commit them"; \
		git diff --stat -- 'views/'; exit 1; fi
	@if [ -d .git ] && [ -n "$$(git ls-files --others --exclude-standard -- 'views/*_templ.go' 'views/**/*_templ.go')" ]; then \
		echo "generated templ files are not committed:"; git ls-files --others --exclude-standard -- 'views/'; exit 1; fi

vet:
	$(GO) vet ./...
	@test -z "$$(gofmt -l cmd internal web views static)" || (echo "gofmt needed:"; gofmt -l cmd internal web views static; exit 1)

# staticcheck runs as a module tool (go.mod's tool block); any finding fails.
lint:
	$(GO) tool staticcheck ./...

# check-tidy fails when `go mod tidy` would change go.mod or go.sum.
check-tidy:
	@cp go.mod go.mod.tidy-check; cp go.sum go.sum.tidy-check
	@$(GO) mod tidy; status=0; \
	if ! cmp -s go.mod go.mod.tidy-check || ! cmp -s go.sum go.sum.tidy-check; then \
		echo "go.mod or go.sum is not tidy: run 'go mod tidy' and commit the result"; status=1; fi; \
	mv go.mod.tidy-check go.mod; mv go.sum.tidy-check go.sum; exit $$status

# TEST_TIMEOUT is generous on purpose: a slow or busy machine is never a
# failure; a hung test still ends.
TEST_TIMEOUT ?= 25m

test:
	@start=$$(date +%s); status=0; \
	$(MAKE) --no-print-directory check-generated vet lint check-tidy test-go test-pg || status=$$?; \
	echo "make test: wall time $$(( $$(date +%s) - start )) s"; exit $$status

# test-go is the SQLite pass, with the race detector.
test-go:
	@start=$$(date +%s); status=0; \
	TEST_DATABASE_URL= TEST_PASS=sqlite $(GO) test -count=1 -race -timeout $(TEST_TIMEOUT) ./... || status=$$?; \
	echo "SQLite pass: $$(( $$(date +%s) - start )) s"; exit $$status

# test-pg runs the suite again on PostgreSQL (OPS-1), without the race
# detector and without the browser tests (e2e: they test pages, not SQL), to
# stay in the time budget; its tests wait on the server more than on the
# cores, so four run at once. It uses TEST_DATABASE_URL when set, else starts a
# throwaway server (scripts/pg-test-server) and stops it after. Without
# PostgreSQL it is skipped, except under CI=true where that is a failure.
PG_PACKAGES = $$($(GO) list ./... | grep -v '/e2e$$')
test-pg:
	@start=$$(date +%s); status=0; \
	if [ -n "$$TEST_DATABASE_URL" ]; then \
		$(GO) test -count=1 -parallel 4 -timeout $(TEST_TIMEOUT) $(PG_PACKAGES) || status=$$?; \
	elif scripts/pg-test-server available; then \
		dir=$$(mktemp -d); \
		url=$$(scripts/pg-test-server start "$$dir") || { scripts/pg-test-server stop "$$dir"; exit 1; }; \
		TEST_DATABASE_URL="$$url" $(GO) test -count=1 -parallel 4 -timeout $(TEST_TIMEOUT) $(PG_PACKAGES) || status=$$?; \
		scripts/pg-test-server stop "$$dir"; \
	elif [ "$$CI" = true ]; then \
		echo "PostgreSQL pass failed: no PostgreSQL on this machine, and CI must run it"; exit 1; \
	else \
		echo "PostgreSQL pass skipped: no PostgreSQL on this machine"; exit 0; \
	fi; \
	echo "PostgreSQL pass: $$(( $$(date +%s) - start )) s"; exit $$status

# bench prints the Go benchmarks, then the load run (PERF-7) against the
# data set of bench-data: 32 users per page beside a static answer of the
# same size, peak memory, checkouts per second. LOAD_DURATION bounds each
# page's load.
BENCH_DB ?= data/bench.db
LOAD_DURATION ?= 5s

bench: build
	$(GO) test -run '^$$' -bench . -benchmem -timeout $(TEST_TIMEOUT) ./...
	@if [ -f $(BENCH_DB) ] || [ -n "$$DATABASE_URL" ]; then \
		$(GO) run ./cmd/loadbench --portal bin/portal --db $(BENCH_DB) --duration $(LOAD_DURATION); \
	else echo "load run skipped: no $(BENCH_DB) (make bench-data builds it)"; fi

# bench-data builds the partner-scale data set (PERF-5) into BENCH_DB, or
# into the PostgreSQL database of DATABASE_URL.
bench-data: build
	rm -f $(BENCH_DB) $(BENCH_DB)-wal $(BENCH_DB)-shm
	./bin/portal generate --db $(BENCH_DB)

# fuzz runs each fuzz target for FUZZTIME (AUTH-13 form parsing, the money
# and date rules); `go test` alone runs only their seed corpus.
FUZZTIME ?= 30s
FUZZ_TARGETS = \
	FuzzReadForm_AUTH13:./web \
	FuzzCheckInt_AUTH13:./web \
	FuzzRefundQuote_RES2:./internal/reservations \
	FuzzRetentionEnd_SUB4:./internal/subscriptions \
	FuzzTermAmounts_SUB2_SUB9:./internal/subscriptions \
	FuzzProrate_SUB2:./internal/platform/money

fuzz:
	@for t in $(FUZZ_TARGETS); do \
		name=$${t%%:*}; pkg=$${t#*:}; \
		echo "fuzz $$name ($$pkg) for $(FUZZTIME)"; \
		$(GO) test -run '^$$' -fuzz "^$$name\$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
	done

clean:
	rm -rf bin artifacts
