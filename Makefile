# Partner portal. `make run` starts it with demo data; `make test` runs every test.
ADDR ?= 127.0.0.1:8080
DB ?= data/portal.db
GO ?= go
export GOTOOLCHAIN ?= local

.PHONY: build run test generate check-generated vet test-go bench clean

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

test: check-generated vet
	$(GO) test -count=1 -race ./...

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

clean:
	rm -rf bin artifacts
