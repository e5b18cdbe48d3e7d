# Set-up, build and test in one step each.  Everything the project needs is installed here,
# so a fresh Debian machine needs nothing but `make build` and `make test`.
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
APT    := libharfbuzz-subset0 poppler-utils fonts-dejavu-core libcairo2
A11Y   := node_modules/.installed
DOCS_STAMP := $(VENV)/.docs-installed
export SOURCE_DATE_EPOCH ?= 1704067200

.PHONY: build test test-fast test-tools fuzz bench docs docs-images system-packages a11y-tools \
	office-tools bench-tools clean constraints

build: $(STAMP)
	$(VENV)/bin/pause-docs build

test: $(STAMP) test-tools
	$(VENV)/bin/ruff check pause_docs tests benchmarks docs_reference
	$(VENV)/bin/mypy
	$(PY) -m pytest

# The loop while working: every test but the slow ones (real builds, PDFs, browsers, servers,
# LibreOffice), in under two minutes on two cores.  `make test` (and CI) run them all.
test-fast: $(STAMP)
	$(VENV)/bin/ruff check pause_docs tests benchmarks docs_reference
	$(VENV)/bin/mypy
	$(PY) -m pytest -q -m "not slow and not fuzz"

# The tools some tests need (Chromium, axe-core and the Nu checker; LibreOffice), installed
# when they can be.  When they cannot (no apt, no network), the tests that need them are
# skipped, and pytest's summary names each skipped test and what it lacked.
test-tools:
	@$(MAKE) --no-print-directory a11y-tools office-tools || echo "warning: could not \
	install the accessibility checkers or LibreOffice: the tests that need them are skipped \
	(see the SKIPPED lines at the end)"

# The 2,000-file property and fuzz runs (minutes; .ci/run runs them after the tests).
fuzz: $(STAMP)
	$(PY) -m pytest -m fuzz

# Speed at scale (minutes; not part of the tests): see docs/maintaining/performance.md.
bench: $(STAMP) bench-tools
	$(PY) benchmarks/bench.py --write docs/maintaining/performance.md
	$(PY) benchmarks/linear_checks.py

# pandoc (and rsvg-convert, for the logos it converts), which the benchmark's Word files are
# measured against.
bench-tools:
	@command -v pandoc >/dev/null 2>&1 && command -v rsvg-convert >/dev/null 2>&1 || { \
	  echo "installing system packages: pandoc librsvg2-bin (for make bench)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq pandoc librsvg2-bin; }

# The documentation site (docs/, mkdocs-material): the reference pages generated from the
# code (python -m docs_reference), then the site in site/, with --strict so a broken link or a
# page left out of the navigation fails.
docs: $(DOCS_STAMP)
	$(PY) -m docs_reference
	NO_MKDOCS_2_WARNING=1 $(VENV)/bin/mkdocs build --strict --quiet

# The screenshots in docs/, taken from real pages by headless Chromium (make a11y-tools).
docs-images: $(STAMP)
	$(PY) -m docs_reference.images

$(DOCS_STAMP): $(STAMP) pyproject.toml
	$(PY) -m pip install -q -c constraints.txt -e '.[docs]'
	touch $@

# constraints.txt pins what CI installs, so that two runs test the same versions; refresh it
# with `make constraints` after changing a dependency.
$(STAMP): pyproject.toml constraints.txt
	$(MAKE) system-packages
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -c constraints.txt -e '.[test,dev]'
	touch $(STAMP)

# System libraries: harfbuzz-subset makes WeasyPrint fast and its PDFs reproducible;
# poppler-utils gives pdftotext/pdfinfo; DejaVu is the documents' font; cairo draws an SVG
# logo for Word files.
system-packages:
	@missing=""; for p in $(APT); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing system packages:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

# The accessibility checkers the tests use when they are present (CI installs them first):
# Chromium and its driver, Java for the W3C Nu checker, and npm for axe-core and vnu-jar, at
# the versions package-lock.json pins.  --ignore-scripts: vnu-jar's install script would
# fetch a Java runtime; the system's is used instead.  No browser is ever downloaded.
a11y-tools: $(A11Y)

$(A11Y): package.json package-lock.json
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v chromedriver >/dev/null 2>&1 || missing="$$missing chromium-driver"; \
	command -v java >/dev/null 2>&1 || missing="$$missing default-jre-headless"; \
	command -v npm >/dev/null 2>&1 || missing="$$missing nodejs npm"; \
	if [ -n "$$missing" ]; then \
	  echo "installing system packages:$$missing (apt may also upgrade what they depend on, \
	such as systemd or perl)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

# LibreOffice, which the tests use to open every Word file as a reader would (print it to PDF,
# accept and reject the redline's tracked changes through python3-uno).  CI installs it
# first; elsewhere its tests skip and say so.
office-tools:
	@missing=""; \
	command -v soffice >/dev/null 2>&1 || missing="$$missing libreoffice-writer-nogui"; \
	/usr/bin/python3 -c 'import uno' >/dev/null 2>&1 || missing="$$missing python3-uno"; \
	if [ -n "$$missing" ]; then \
	  echo "installing system packages:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi

# After changing a dependency in pyproject.toml: pin what the venv now holds for CI.
constraints: $(STAMP)
	$(PY) -m pip freeze --exclude-editable | grep -v '^pause-docs' > constraints.txt

clean:
	rm -rf $(VENV) output node_modules site
