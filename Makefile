# Partner portal. `make run` starts it with demo data; `make test` runs every test.
ADDR ?= 127.0.0.1:8080
DB ?= data/portal.db
GO ?= go
export GOTOOLCHAIN ?= local

.PHONY: build run test generate check-generated vet lint check-tidy test-go bench fuzz clean

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
	$(MAKE) --no-print-directory check-generated vet lint check-tidy test-go || status=$$?; \
	echo "make test: wall time $$(( $$(date +%s) - start )) s"; exit $$status

test-go:
	$(GO) test -count=1 -race -timeout $(TEST_TIMEOUT) ./...

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

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
