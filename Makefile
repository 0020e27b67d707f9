# The verbs people expect, over scripts/dev.sh (which needs only bash and Python 3,
# so the README's commands also work where make is not installed).
.PHONY: setup serve build test clean

setup:
	@scripts/dev.sh setup

serve:
	@scripts/dev.sh serve

build:
	@scripts/dev.sh build

test:
	@scripts/dev.sh test $(PYTEST_ARGS)

clean:
	rm -rf site .cache tests/artifacts
