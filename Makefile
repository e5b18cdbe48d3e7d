# Set-up, build and test in one step each.  Everything the project needs is installed here,
# so a fresh Debian machine needs nothing but `make build` and `make test`.
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
APT    := libharfbuzz-subset0 poppler-utils fonts-dejavu-core
export SOURCE_DATE_EPOCH ?= 1704067200

.PHONY: build test bench system-packages clean

build: $(STAMP)
	$(VENV)/bin/pause-docs build

test: $(STAMP)
	$(VENV)/bin/ruff check pause_docs tests benchmarks
	$(VENV)/bin/mypy
	$(PY) -m pytest

# Speed at scale (minutes; not part of the tests): see "Performance" in README.md.
bench: $(STAMP)
	$(PY) benchmarks/bench.py

$(STAMP): pyproject.toml
	$(MAKE) system-packages
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $(STAMP)

# System libraries: harfbuzz-subset makes WeasyPrint fast and its PDFs reproducible;
# poppler-utils gives pdftotext/pdfinfo; DejaVu is the documents' font.
system-packages:
	@missing=""; for p in $(APT); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing system packages:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

clean:
	rm -rf $(VENV) output
